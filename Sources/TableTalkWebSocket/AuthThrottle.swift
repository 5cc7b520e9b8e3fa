import Foundation
import Synchronization

/// Throttles guessing of tokens: counts failed token checks per client address, and once an address has
/// ``maxFailures`` failures within ``window``, every token check from it is refused (HTTP 429, or a refused
/// `initialize`) until the oldest of those failures is older than the window. Successes do not reset the count,
/// so one valid token cannot be used to keep guessing others. Memory is bounded: stale addresses are dropped.
final class AuthThrottle: Sendable {
    let maxFailures: Int
    let window: Duration
    private let failures = Mutex<[String: [ContinuousClock.Instant]]>([:])
    private static let maxAddresses = 10_000

    init(maxFailures: Int, window: Duration) {
        self.maxFailures = maxFailures
        self.window = window
    }

    /// Whether `address` may try a token now.
    func allows(_ address: String, now: ContinuousClock.Instant = .now) -> Bool {
        guard maxFailures > 0 else { return true }
        return failures.withLock { map in
            guard let times = map[address] else { return true }
            let recent = times.filter { now - $0 < window }
            map[address] = recent.isEmpty ? nil : recent
            return recent.count < maxFailures
        }
    }

    /// Records one failed token check from `address`.
    func recordFailure(_ address: String, now: ContinuousClock.Instant = .now) {
        guard maxFailures > 0 else { return }
        failures.withLock { map in
            if map.count >= Self.maxAddresses {
                map = map.filter { _, times in times.contains { now - $0 < window } }
            }
            var times = map[address, default: []].filter { now - $0 < window }
            times.append(now)
            map[address] = Array(times.suffix(maxFailures))
        }
    }
}
