public import Foundation
public import TableTalkCore
import Crypto
import Synchronization

/// Access tokens for `serve`, stored hashed (SHA-256) in `<data-dir>/tokens.json` (mode 0600).
/// A token maps to a principal; the plain token is shown once, at creation.
///
/// A running server sees `tabletalk token create|revoke` at once: every check compares the file's identity
/// (inode, size, modification time) with the one last read, one `stat` call, and reads the file again when it
/// changed. Checks hash the candidate and compare it with every stored hash in constant time (no early exit,
/// no lookup keyed by a secret). The empty token is never valid.
public final class TokenStore: Sendable {
    /// One stored token (never the token itself).
    public struct Record: Codable, Sendable, Hashable {
        public var id: String
        public var name: String
        public var principal: String
        public var sha256: String
        public var createdAt: Date
        public var revokedAt: Date?
    }

    /// What was read from the file, and which version of the file it was.
    private struct Snapshot: Sendable {
        var stamp: TokenFileStamp
        var records: [Record]
        /// Digests of the active (unrevoked) records, with their principals.
        var active: [(digest: [UInt8], principal: Principal)]
    }

    public let file: URL
    private let cache = Mutex<Snapshot?>(nil)
    /// Tokens valid for this process only (the URL `serve` prints at start), as digests.
    private let ephemeral = Mutex<[(digest: [UInt8], principal: Principal)]>([])

    public init(dataDir: URL) {
        self.file = dataDir.appendingPathComponent("tokens.json")
    }

    /// Creates and stores a token; returns the plain token (shown once) and its record.
    public func create(name: String, principal: Principal) throws -> (token: String, record: Record) {
        let token = "tt_" + Self.randomHex(24)
        let record = Record(
            id: String(Self.randomHex(4)), name: name, principal: principal.id, sha256: Self.hash(token), createdAt: Date(),
            revokedAt: nil)
        var all = try list()
        all.append(record)
        try save(all)
        return (token, record)
    }

    /// Makes a token valid until the process ends (not stored).
    public func createEphemeral(principal: Principal) -> String {
        let token = "tt_" + Self.randomHex(24)
        ephemeral.withLock { $0.append((Self.digest(token), principal)) }
        return token
    }

    /// Accepts a caller-chosen token until the process ends (`serve --token`); returns it.
    /// Throws ``InvalidTokenError`` for an empty token or one with spaces or control characters.
    @discardableResult
    public func registerEphemeral(_ token: String, principal: Principal) throws -> String {
        try Self.validate(token)
        ephemeral.withLock { $0.append((Self.digest(token), principal)) }
        return token
    }

    /// Every stored token, revoked ones included, as the file holds them now.
    public func list() throws -> [Record] {
        try snapshot().records
    }

    /// Revokes by id or name; returns how many were revoked.
    @discardableResult
    public func revoke(_ idOrName: String) throws -> Int {
        var all = try list()
        var n = 0
        for i in all.indices where (all[i].id == idOrName || all[i].name == idOrName) && all[i].revokedAt == nil {
            all[i].revokedAt = Date()
            n += 1
        }
        try save(all)
        return n
    }

    /// The principal of a valid token, or nil. Every candidate digest is compared in full.
    public func authenticate(_ token: String) -> Principal? {
        guard !token.isEmpty else { return nil }
        let d = Self.digest(token)
        var found: Principal?
        for e in ephemeral.withLock({ $0 }) where Self.constantTimeEqual(e.digest, d) { found = found ?? e.principal }
        let active = (try? snapshot().active) ?? []
        for e in active where Self.constantTimeEqual(e.digest, d) { found = found ?? e.principal }
        return found
    }

    /// The cached records while the file is unchanged; otherwise the file read again.
    private func snapshot() throws -> Snapshot {
        let stamp = TokenFileStamp(path: file.path)
        if let c = cache.withLock({ $0 }), c.stamp == stamp { return c }
        let records: [Record]
        if stamp == .missing {
            records = []
        } else {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            records = try decoder.decode([Record].self, from: Data(contentsOf: file))
        }
        let snap = Snapshot(stamp: stamp, records: records, active: Self.active(records))
        cache.withLock { $0 = snap }
        return snap
    }

    private static func active(_ records: [Record]) -> [(digest: [UInt8], principal: Principal)] {
        records.compactMap { r in
            guard r.revokedAt == nil, let d = bytes(hex: r.sha256), d.count == SHA256.byteCount else { return nil }
            return (d, Principal(r.principal))
        }
    }

    private func save(_ records: [Record]) throws {
        let dir = file.deletingLastPathComponent()
        try FileManager.default.createDirectory(
            at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let tmp = file.appendingPathExtension("tmp")
        // Created 0600 before any byte is written (not written, then restricted).
        try? FileManager.default.removeItem(at: tmp)
        guard FileManager.default.createFile(atPath: tmp.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: tmp.path])
        }
        chmod(tmp.path, 0o600)
        let handle = try FileHandle(forWritingTo: tmp)
        try handle.write(contentsOf: try encoder.encode(records))
        try handle.synchronize()
        try handle.close()
        guard rename(tmp.path, file.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
        cache.withLock { $0 = nil }
    }

    /// Refuses tokens that must never be accepted: empty, or with spaces or control characters (they cannot
    /// travel in an `Authorization: Bearer` header or a URL unchanged).
    public static func validate(_ token: String) throws {
        if token.isEmpty { throw InvalidTokenError("the access token must not be empty") }
        if token.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            throw InvalidTokenError("the access token must not contain spaces or control characters")
        }
    }

    /// Equal length and bytes, in time that depends only on the length.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }

    static func digest(_ token: String) -> [UInt8] { Array(SHA256.hash(data: Data(token.utf8))) }

    static func hash(_ token: String) -> String {
        digest(token).map { String(format: "%02x", $0) }.joined()
    }

    static func bytes(hex: String) -> [UInt8]? {
        let u = Array(hex.utf8)
        guard u.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(u.count / 2)
        for i in stride(from: 0, to: u.count, by: 2) {
            guard let h = nibble(u[i]), let l = nibble(u[i + 1]) else { return nil }
            out.append(h << 4 | l)
        }
        return out
    }

    static func randomHex(_ bytes: Int) -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }
}

/// A token that can never be valid (empty, or with spaces or control characters).
public struct InvalidTokenError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
