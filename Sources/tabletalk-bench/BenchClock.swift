import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Wall clock, CPU time and peak memory of this process, and a wait for its background work (such as the WAL
/// checkpoint an ingest schedules after it returns) to finish, so the next measurement starts on a quiet machine.
enum BenchClock {
    /// Monotonic nanoseconds.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func seconds(since start: UInt64) -> Double { Double(now() &- start) / 1e9 }

    static func seconds(from start: UInt64, to end: UInt64) -> Double { Double(end &- start) / 1e9 }

    /// User + system CPU seconds used by this process so far.
    static func cpuSeconds() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec)
            + Double(u.ru_stime.tv_usec) / 1e6
    }

    /// `2 cores, load average 1.64` (a busy machine makes every figure noisier; the anchors share the noise).
    static func machine() -> String {
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(load)"
    }

    /// Peak resident set size of this process (getrusage `ru_maxrss`), in MiB.
    static func peakRSSMiB() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_maxrss) / 1024
    }

    /// Writes every dirty page to disk (`sync`), so a measurement does not pay for the writeback of the one
    /// before it (here a 100 MB write takes 0.02 s into a clean page cache and 0.25 s once ~400 MB are dirty).
    static func settleDisk() { sync() }

    /// Waits until this process has used less than 10% of a core for `quiet` seconds (at most `limit` seconds);
    /// returns the instant (``now()``) its last busy 100 ms interval ended.
    @discardableResult
    static func waitUntilIdle(quiet: Double = 0.5, limit: Double = 300) async -> UInt64 {
        let start = now()
        var lastBusy = start
        var previous = (t: start, cpu: cpuSeconds())
        while seconds(since: start) < limit {
            try? await Task.sleep(for: .milliseconds(100))
            let sample = (t: now(), cpu: cpuSeconds())
            if sample.cpu - previous.cpu > 0.1 * seconds(from: previous.t, to: sample.t) { lastBusy = sample.t }
            previous = sample
            if seconds(from: lastBusy, to: sample.t) >= quiet { return lastBusy }
        }
        return now()
    }
}
