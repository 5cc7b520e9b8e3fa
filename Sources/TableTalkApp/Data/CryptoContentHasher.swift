import Crypto
import Foundation
import TableTalkCore

/// ``ContentHasher`` on swift-crypto (BoringSSL's assembly SHA-256 on Linux, CryptoKit on Apple platforms),
/// reading the file in 1 MiB blocks.
struct CryptoContentHasher: ContentHasher {
    func sha256(of file: URL) async throws -> String {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            hasher.update(data: block)
        }
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in hasher.finalize() {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
