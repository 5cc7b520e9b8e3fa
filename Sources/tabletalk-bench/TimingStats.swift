import Foundation

/// Best and median of repeated measurements (seconds).
struct TimingStats {
    let sorted: [Double]
    init(_ values: [Double]) { sorted = values.sorted() }
    var best: Double { sorted.first ?? 0 }
    var median: Double {
        guard !sorted.isEmpty else { return 0 }
        let m = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
    }

    /// The nearest-rank `p` quantile (0…1), in milliseconds when the values are seconds.
    func milliseconds(at p: Double) -> Double {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))] * 1000
    }

    /// `best 1.234 s  median 1.250 s`.
    var text: String { String(format: "best %7.3f s  median %7.3f s", best, median) }

    /// `ours / anchor` for best and median, with the goal if any: `ratio best 0.93x  median 0.95x  (goal ≤ 1.00x
    /// on the median: met)`.
    static func ratio(_ ours: TimingStats, _ anchor: TimingStats, goal: Double? = nil) -> String {
        let b = ours.best / max(anchor.best, 1e-9)
        let m = ours.median / max(anchor.median, 1e-9)
        let text = String(format: "ratio best %.2fx  median %.2fx", b, m)
        guard let goal else { return text }
        return text + String(format: "  (goal ≤ %.2fx on the median: ", goal) + (m <= goal ? "met)" : "NOT met)")
    }
}

/// Prints `label` padded to a column, then `value` (the summary lines of every benchmark).
func sayRow(_ label: String, _ value: String) {
    say("  " + label.padding(toLength: 44, withPad: " ", startingAt: 0) + " " + value)
}
