import Testing
import TableTalkCore
@testable import TableTalkSQLite

/// median, percentile, stddev, variance and mode give the textbook numbers.
@Suite struct AggregateTests {
    let wb = Workbench()

    init() async throws {
        try await wb.ingest(
            "g,x,label\na,1,p\na,2,q\na,3,q\na,4,r\na,5,r\nb,6,s\nb,7,s\nb,8,t\nb,9,t\nb,10,\nc,,u\n", table: "v")
    }

    func one(_ sql: String) async throws -> CellValue { try await wb.rows(sql)[0][0] }

    @Test func medianAndPercentile() async throws {
        #expect(try await one("SELECT median(x) FROM v") == .real(5.5))
        #expect(try await one("SELECT percentile(x, 90) FROM v").doubleValue.map { abs($0 - 9.1) < 1e-12 } == true)
        #expect(try await one("SELECT percentile(x, 0) FROM v") == .real(1))
        #expect(try await one("SELECT percentile(x, 100) FROM v") == .real(10))
        #expect(try await wb.rows("SELECT g, median(x) FROM v GROUP BY g ORDER BY g")
            == [[.text("a"), .real(3)], [.text("b"), .real(8)], [.text("c"), .null]])
        await #expect(throws: TableTalkError.self) { try await one("SELECT percentile(x, 101) FROM v") }
    }

    @Test func stddevAndVarianceAreSampleStatistics() async throws {
        let variance = try #require(try await one("SELECT variance(x) FROM v").doubleValue)
        let stddev = try #require(try await one("SELECT stddev(x) FROM v").doubleValue)
        #expect(abs(variance - 55.0 / 6.0) < 1e-12)
        #expect(abs(stddev - (55.0 / 6.0).squareRoot()) < 1e-12)
        #expect(abs(try #require(try await one("SELECT variance_pop(x) FROM v").doubleValue) - 8.25) < 1e-12)
        #expect(try await one("SELECT stddev(x) FROM v WHERE g = 'c'") == .null)
        #expect(try await one("SELECT variance(x) FROM v WHERE x = 1") == .null)
    }

    @Test func modeTakesTheMostFrequentThenTheSmallest() async throws {
        #expect(try await one("SELECT mode(label) FROM v") == .text("q"))
        #expect(try await one("SELECT mode(x) FROM v WHERE x IN (7, 8)") == .integer(7))
        #expect(try await one("SELECT mode(label) FROM v WHERE g = 'zz'") == .null)
    }
}
