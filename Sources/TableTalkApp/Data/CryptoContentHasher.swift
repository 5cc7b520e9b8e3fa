import Crypto
import Foundation
import TableTalkCore

/// ``ContentHasher`` on swift-crypto (BoringSSL's assembly SHA-256 on Linux, CryptoKit on Apple platforms),
/// reading the file in 1 MiB blocks.
struct CryptoContentHasher: ContentHasher {
    func sha256(of file: URL) async throws -> String {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var digest = RunningSHA256()
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            block.withUnsafeBytes { digest.update($0) }
        }
        return digest.finalize()
    }

    func runningSHA256() -> (any RunningDigest)? { RunningSHA256() }

    /// Lower-case hex of a digest.
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// swift-crypto's SHA-256 as a ``RunningDigest``.
    struct RunningSHA256: RunningDigest {
        private var hasher = SHA256()

        mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

        func finalize() -> String { CryptoContentHasher.hex(hasher.finalize()) }
    }
}
