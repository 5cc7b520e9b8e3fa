public import Foundation

/// Computes content digests of files (the `sha256` an upload announces is checked with it).
///
/// A port rather than code in Core because the fast implementation (swift-crypto, assembly SHA-256) is a
/// dependency that capability modules must not take; the composition root supplies it.
public protocol ContentHasher: Sendable {
    /// Lower-case hex SHA-256 of the file's bytes, read in bounded memory.
    func sha256(of file: URL) async throws -> String
    /// A SHA-256 fed bytes in order, so a file can be hashed while it is still being written (an upload whose
    /// parts arrive); nil when only ``sha256(of:)`` is available.
    func runningSHA256() -> (any RunningDigest)?
}

extension ContentHasher {
    /// Default: no running digest; callers hash the complete file.
    public func runningSHA256() -> (any RunningDigest)? { nil }
}

/// A digest computed over bytes fed in order (see ``ContentHasher/runningSHA256()``).
public protocol RunningDigest {
    /// Feeds the next bytes.
    mutating func update(_ bytes: UnsafeRawBufferPointer)
    /// Lower-case hex digest of everything fed so far.
    func finalize() -> String
}
