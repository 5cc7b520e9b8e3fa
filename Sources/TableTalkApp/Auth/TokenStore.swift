public import Foundation
public import TableTalkCore
import Crypto
import Synchronization

/// Access tokens for `serve`, stored hashed (SHA-256) in `<data-dir>/tokens.json` (mode 0600).
/// A token maps to a principal; the plain token is shown once, at creation.
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

    public let file: URL
    private let cache = Mutex<[Record]?>(nil)
    /// Tokens valid for this process only (the URL `serve` prints at start).
    private let ephemeral = Mutex<[String: Principal]>([:])

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
        ephemeral.withLock { $0[Self.hash(token)] = principal }
        return token
    }

    /// Accepts a caller-chosen token until the process ends (`serve --token`); returns it.
    public func registerEphemeral(_ token: String, principal: Principal) -> String {
        ephemeral.withLock { $0[Self.hash(token)] = principal }
        return token
    }

    /// Every stored token, revoked ones included.
    public func list() throws -> [Record] {
        if let c = cache.withLock({ $0 }) { return c }
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let records = try decoder.decode([Record].self, from: Data(contentsOf: file))
        cache.withLock { $0 = records }
        return records
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

    /// The principal of a valid token, or nil.
    public func authenticate(_ token: String) -> Principal? {
        let h = Self.hash(token)
        if let p = ephemeral.withLock({ $0[h] }) { return p }
        guard let records = try? list() else { return nil }
        return records.first { $0.sha256 == h && $0.revokedAt == nil }.map { Principal($0.principal) }
    }

    private func save(_ records: [Record]) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let tmp = file.appendingPathExtension("tmp")
        try encoder.encode(records).write(to: tmp, options: .atomic)
        chmod(tmp.path, 0o600)
        guard rename(tmp.path, file.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
        cache.withLock { $0 = records }
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func randomHex(_ bytes: Int) -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }
}
