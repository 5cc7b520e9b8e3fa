/// Facts gathered about one column while loading: nulls, a few examples, the distinct values of
/// low-cardinality text columns (up to ``ColumnStats/maxDistinct``) and an estimate of the distinct count.
/// A class with raw storage, so the load loop updates it without copy-on-write checks.
package final class ColumnStats {
    package static let maxDistinct = 50
    package static let maxExamples = 3

    package var nullCount = 0
    package private(set) var examples: [String] = []
    private var exampleTries = 0
    private var hll = HyperLogLog()
    /// Hashes of the distinct values while there are at most ``maxDistinct`` (open addressing, 128 slots).
    private var slots: UnsafeMutablePointer<UInt64>?
    private var values: [String] = []

    package init(tracksDistinctValues: Bool) {
        if tracksDistinctValues {
            slots = .allocate(capacity: 128)
            slots!.initialize(repeating: 0, count: 128)
        }
    }

    deinit { slots?.deallocate() }

    @inline(__always)
    package func addText(_ p: UnsafePointer<UInt8>, _ n: Int) {
        let h = FastHash.bytes(p, n) | 1
        hll.add(h)
        if let slots { trackDistinct(h, p, n, slots) }
        if examples.count < Self.maxExamples && exampleTries < 1000 {
            addExample(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
        }
    }

    @inline(__always)
    package func addInteger(_ v: Int64) {
        hll.add(FastHash.mix(UInt64(bitPattern: v)))
        if examples.count < Self.maxExamples && exampleTries < 1000 { addExample(String(v)) }
    }

    @inline(__always)
    package func addReal(_ v: Double) {
        hll.add(FastHash.mix(v.bitPattern))
        if examples.count < Self.maxExamples && exampleTries < 1000 { addExample(Self.format(v)) }
    }

    private func addExample(_ s: String) {
        exampleTries += 1
        if !examples.contains(s) { examples.append(s) }
    }

    @inline(__always)
    private func trackDistinct(_ h: UInt64, _ p: UnsafePointer<UInt8>, _ n: Int, _ slots: UnsafeMutablePointer<UInt64>) {
        var i = Int(h & 127)
        while true {
            let s = slots[i]
            if s == h { return }
            if s == 0 { break }
            i = (i + 1) & 127
        }
        if values.count >= Self.maxDistinct {
            slots.deallocate()
            self.slots = nil
            values = []
            return
        }
        slots[i] = h
        values.append(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
    }

    /// Sorted distinct values when the column has few.
    package var distinctValues: [String]? { slots == nil ? nil : values.sorted() }

    /// Exact when few, else the HyperLogLog estimate.
    package var distinctCount: Int { slots == nil ? hll.estimate : values.count }

    package static func format(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) + ".0" }
        return String(v)
    }
}
