import Crypto
import Foundation
import TableTalkCore

/// Encrypts and decrypts whole files with AES-256-GCM, streamed in 1 MiB chunks (a 1 GB upload never sits in
/// memory). Layout: the 8-byte magic `TTSEAL1\n`, then records of `final flag (1 byte) | plaintext length
/// (UInt32, big-endian) | nonce (12) | ciphertext | tag (16)`, each with a fresh random nonce. Every record
/// authenticates the magic, its index and its flag, so records cannot be reordered, dropped or cut off at the end
/// without ``open(_:to:)`` failing; the last record is an empty one flagged final.
struct SealedFile: Sendable {
    private let keyBytes: Data
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }
    static let magic = Data("TTSEAL1\n".utf8)
    static let chunkSize = 1 << 20

    init(key: Data) { self.keyBytes = key }

    /// Writes the encryption of `source` to `target` (created 0600).
    func seal(_ source: URL, to target: URL) throws {
        let input = try FileHandle(forReadingFrom: source)
        defer { try? input.close() }
        let output = try Self.createPrivate(target)
        defer { try? output.close() }
        try output.write(contentsOf: Self.magic)
        var index: UInt64 = 0
        while true {
            let chunk = try input.read(upToCount: Self.chunkSize) ?? Data()
            if !chunk.isEmpty { try output.write(contentsOf: try record(chunk, index: index, final: false)) }
            index += 1
            if chunk.count < Self.chunkSize { break }
        }
        try output.write(contentsOf: try record(Data(), index: index, final: true))
        try output.synchronize()
    }

    /// Writes the decryption of `source` to `target` (created 0600); throws `internalError` when the file is not
    /// one of ours, was sealed under another key, or was altered or truncated.
    func open(_ source: URL, to target: URL) throws {
        let input = try FileHandle(forReadingFrom: source)
        defer { try? input.close() }
        guard try input.read(upToCount: Self.magic.count) == Self.magic else { throw Self.damaged(source, "not an encrypted object") }
        let output = try Self.createPrivate(target)
        defer { try? output.close() }
        var index: UInt64 = 0
        while true {
            guard let head = try input.read(upToCount: 5), head.count == 5, head[head.startIndex] <= 1 else {
                throw Self.damaged(source, "cut off")
            }
            let final = head[head.startIndex] == 1
            let length = head.dropFirst().reduce(0) { $0 << 8 | Int($1) }
            guard length <= Self.chunkSize, let sealed = try input.read(upToCount: 12 + length + 16), sealed.count == 12 + length + 16 else {
                throw Self.damaged(source, "cut off")
            }
            let plain: Data
            do {
                plain = try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key, authenticating: Self.aad(index: index, final: final))
            } catch {
                throw Self.damaged(source, "wrong key or altered")
            }
            try output.write(contentsOf: plain)
            if final { return }
            index += 1
        }
    }

    private func record(_ plain: Data, index: UInt64, final: Bool) throws -> Data {
        let box = try AES.GCM.seal(plain, using: key, nonce: AES.GCM.Nonce(), authenticating: Self.aad(index: index, final: final))
        guard let combined = box.combined else { throw TableTalkError(.internalFailure, "encryption failed") }
        var out = Data([final ? 1 : 0])
        let n = UInt32(plain.count)
        out.append(contentsOf: [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)])
        out.append(combined)
        return out
    }

    private static func aad(index: UInt64, final: Bool) -> Data {
        var d = magic
        withUnsafeBytes(of: index.bigEndian) { d.append(contentsOf: $0) }
        d.append(final ? 1 : 0)
        return d
    }

    private static func createPrivate(_ url: URL) throws -> FileHandle {
        try? FileManager.default.removeItem(at: url)
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        return try FileHandle(forWritingTo: url)
    }

    private static func damaged(_ url: URL, _ why: String) -> TableTalkError {
        TableTalkError(.internalFailure, "stored object \(url.lastPathComponent) cannot be decrypted (\(why))")
    }
}
