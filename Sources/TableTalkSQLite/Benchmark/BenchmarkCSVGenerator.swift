package import Foundation
import TableTalkCSV

/// Writes the ingest benchmark's CSV: deterministic (same seed, same bytes), 20 mixed columns, about 180 bytes
/// a row (~560k rows for 100 MB), with quoted fields (embedded commas, doubled quotes, a few embedded
/// newlines), empty values and `NA`, thousands separators (`"1,234.56"`), percents, booleans, and dates in two
/// formats (ISO `2023-04-05` and US `4/5/2023`) plus a timestamp column.
package struct BenchmarkCSVGenerator: Sendable {
    package var targetBytes: Int64
    package var seed: UInt64

    package init(targetBytes: Int64 = 100_000_000, seed: UInt64 = 42) {
        self.targetBytes = targetBytes
        self.seed = seed
    }

    /// The header line's column names.
    package static let columns = [
        "Order ID", "Order Date", "Ship Date", "Customer", "Region", "Country", "City", "Product", "Category",
        "Quantity", "Unit Price", "Amount", "Discount", "In Stock", "Rating", "Email", "Phone", "Notes", "Score",
        "Updated At",
    ]

    /// Writes the file; returns (data rows, bytes written).
    @discardableResult
    package func write(to url: URL) throws -> (rows: Int, bytes: Int64) {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var rng = SplitMix64(seed: seed)
        var out: [UInt8] = []
        out.reserveCapacity(1 << 21)
        out.append(contentsOf: Array((Self.columns.joined(separator: ",") + "\r\n").utf8))
        var written: Int64 = 0
        var rows = 0
        while written + Int64(out.count) < targetBytes {
            rows += 1
            Self.row(rows, &rng, into: &out)
            if out.count >= 1 << 20 {
                try handle.write(contentsOf: out)
                written += Int64(out.count)
                out.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: out)
        written += Int64(out.count)
        return (rows, written)
    }

    private static let regions = ["North", "South", "East", "West", "Central"]
    private static let countries = [
        "Germany", "France", "Spain", "Italy", "Poland", "Sweden", "Norway", "Denmark", "Austria", "Belgium",
        "Netherlands", "Portugal", "Ireland", "Finland", "Greece", "Czechia", "Hungary", "Romania", "Croatia", "Latvia",
    ]
    private static let categories = [
        "Hardware", "Software", "Books", "Garden", "Toys", "Kitchen", "Sports", "Office", "Music", "Health",
    ]
    private static let first = ["Ana", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Greta", "Hugo", "Ines", "Jonas"]
    private static let last = ["Schmidt", "Dubois", "García", "Rossi", "Nowak", "Berg", "Hansen", "Meyer", "Costa"]
    private static let notes = [
        "", "", "", "", "fragile", "gift wrap, please", "call before delivery", "left at \"reception\"",
        "two parcels\nsecond one later", "NA",
    ]

    private static func row(_ id: Int, _ r: inout SplitMix64, into o: inout [UInt8]) {
        let day = r.next(2191)  // 2019-01-01 + up to 6 years
        let (y, m, d) = civil(17897 + day)
        let (sy, sm, sd) = civil(17897 + day + 1 + r.next(14))
        let quantity = 1 + r.next(250)
        let cents = 99 + r.next(99_900)
        let amount = quantity * cents
        var s = "\(id),\(y)-\(pad(m))-\(pad(d)),\(sm)/\(sd)/\(sy),"
        s += "\"\(last[r.next(last.count)]), \(first[r.next(first.count)])\","
        s += "\(regions[r.next(regions.count)]),\(countries[r.next(countries.count)]),City \(r.next(100)),"
        s += r.next(8) == 0 ? "\"Widget \"\"Pro\"\" \(r.next(500))\"," : "Widget \(r.next(500)),"
        s += "\(categories[r.next(categories.count)]),\(quantity),\(cents / 100).\(pad(cents % 100)),"
        s += amount >= 100_000 ? "\"\(grouped(amount / 100)).\(pad(amount % 100))\"," : "\(amount / 100).\(pad(amount % 100)),"
        s += "\(r.next(31))%,\(r.next(3) == 0 ? "false" : "true"),"
        s += r.next(10) == 0 ? "," : "\(1 + r.next(4)).\(r.next(10)),"
        s += "user\(r.next(100_000))@example.com,555-\(pad4(r.next(10_000))),"
        let note = notes[r.next(notes.count)]
        s += note.contains(",") || note.contains("\"") || note.contains("\n")
            ? "\"" + note.replacingOccurrences(of: "\"", with: "\"\"") + "\"," : note + ","
        s += r.next(20) == 0 ? "NA," : "\(r.next(1000)),"
        s += "\(y)-\(pad(m))-\(pad(d)) \(pad(r.next(24))):\(pad(r.next(60))):\(pad(r.next(60)))\r\n"
        o.append(contentsOf: Array(s.utf8))
    }

    private static func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    private static func pad4(_ v: Int) -> String { String(repeating: "0", count: 4 - String(v).count) + String(v) }

    private static func grouped(_ v: Int) -> String {
        let digits = Array(String(v))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    private static func civil(_ days: Int) -> (Int, Int, Int) { CivilDate.civil(days) }
}

/// A small deterministic PRNG (SplitMix64).
package struct SplitMix64: Sendable {
    private var state: UInt64
    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound`.
    package mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
