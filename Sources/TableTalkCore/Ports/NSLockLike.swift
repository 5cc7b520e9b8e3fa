import Foundation

/// A tiny mutex used by Core's reference types (Foundation's `NSLock`, wrapped to keep call sites short).
package final class NSLockLike: @unchecked Sendable {
    private let lock = NSLock()
    package init() {}
    package func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
