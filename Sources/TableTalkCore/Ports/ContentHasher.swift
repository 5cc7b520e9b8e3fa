public import Foundation

/// Computes content digests of files (the `sha256` an upload announces is checked with it).
///
/// A port rather than code in Core because the fast implementation (swift-crypto, assembly SHA-256) is a
/// dependency that capability modules must not take; the composition root supplies it.
public protocol ContentHasher: Sendable {
    /// Lower-case hex SHA-256 of the file's bytes, read in bounded memory.
    func sha256(of file: URL) async throws -> String
}
