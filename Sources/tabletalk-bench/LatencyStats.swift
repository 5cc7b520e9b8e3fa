/// Percentiles of a set of latencies (milliseconds).
struct LatencyStats {
    let sorted: [Double]
    init(_ values: [Double]) { sorted = values.sorted() }
    func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank - 1, 0), sorted.count - 1)]
    }
    var p50: Double { percentile(0.5) }
    var p99: Double { percentile(0.99) }
}
