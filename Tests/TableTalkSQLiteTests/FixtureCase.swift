import Foundation
import TableTalkCore
import Testing

/// One entry of `Fixtures/csv/expected.json`: a CSV file and either the schema it must produce or the error.
struct FixtureCase: Decodable, Sendable, CustomTestStringConvertible {
    struct Query: Decodable, Sendable {
        var sql: String
        var rows: [[CellValue]]
    }

    var file: String
    /// `name:TYPE` per column, in order.
    var columns: [String]?
    var rows: Int?
    var labels: [String]?
    /// Subset of `IngestReport.detected`.
    var detected: [String: String]?
    /// A substring one of the report's warnings must contain.
    var warning: String?
    /// Column → substring one of its notes must contain.
    var note: [String: String]?
    /// Column → expected null count.
    var nulls: [String: Int]?
    /// Column → expected distinct values.
    var distinct: [String: [String]]?
    var query: Query?
    /// Expected `TableTalkError.Kind` name.
    var error: String?
    /// Line the error must name.
    var line: Int?
    /// Sample size override (to exercise widening on small files).
    var sampleRows: Int?

    var testDescription: String { file }

    static let all: [FixtureCase] = {
        let url = Fixtures.csvDirectory.appendingPathComponent("expected.json")
        guard let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode([FixtureCase].self, from: data)) ?? []
    }()
}

extension TableTalkError.Kind {
    /// The case name (`csvRaggedRow`), for matching expectations written as text.
    var name: String { String(describing: self) }
}

/// Numeric-tolerant equality of result cells (JSON does not keep INTEGER vs REAL apart).
func cellsMatch(_ a: CellValue, _ b: CellValue) -> Bool {
    if let x = a.doubleValue, let y = b.doubleValue { return abs(x - y) <= 1e-9 * max(1, abs(x), abs(y)) }
    return a == b
}
