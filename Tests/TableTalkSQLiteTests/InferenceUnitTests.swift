import Testing
import TableTalkCore
@testable import TableTalkCSV
@testable import TableTalkSQLite

/// The value parsers and namers on their own.
@Suite struct InferenceUnitTests {
    func number(_ s: String, _ style: NumberStyle = .us) -> ParsedNumber? {
        var b = Array(s.utf8)
        return b.withUnsafeMutableBufferPointer { NumberParser.parse($0.baseAddress!, $0.count, style: style) }
    }

    func date(_ s: String) -> ScannedDate? {
        var b = Array(s.utf8)
        return b.withUnsafeMutableBufferPointer { DateParser.scan($0.baseAddress!, $0.count) }
    }

    @Test func numbers() {
        #expect(number("1,234,567")?.intValue == 1_234_567)
        #expect(number("-$1,234.50")?.doubleValue == -1234.5)
        #expect(number("(12)")?.intValue == -12)
        #expect(number("\u{2212}7")?.intValue == -7)
        #expect(number("12.5%")?.percent == true)
        #expect(number("1.234,5", .european)?.doubleValue == 1234.5)
        #expect(number("0.1")?.doubleValue == 0.1)
        #expect(number("123456789012345678901234567890.5")?.doubleValue == 123456789012345678901234567890.5)
        #expect(number("9223372036854775807")?.intValue == Int64.max)
        #expect(number("-9223372036854775808")?.intValue == Int64.min)
        #expect(number("9223372036854775808")?.overflow == true)
        #expect(number("007")?.leadingZero == true)
        #expect(number("0")?.leadingZero == false)
        for bad in ["", "-", "1,23", "1,2345", "12 345", "1.2.3", "$", "5-3", "1e", "abc", "1,234e5", "--1", "0,123"] {
            #expect(number(bad) == nil, "\(bad)")
        }
    }

    @Test func dates() {
        #expect(date("2024-02-29")?.resolve(.ymd).map { [$0.0, $0.1, $0.2] } == [2024, 2, 29])
        #expect(date("2023-02-29")?.resolve(.ymd) == nil)
        let us = date("03/04/2024")!
        #expect(us.validOrders == (true, true) && us.resolve(.dmy).map { $0.1 } == 4)
        #expect(date("13/04/2024")!.validOrders == (false, true))
        #expect(date("Sept. 9, 2024")?.resolve(.mdy).map { $0.1 } == 9)
        let t = date("2024-03-10T23:30:00-02:00")!
        #expect(t.hasTime && t.offsetMinutes == -120)
        for bad in ["2024", "12:30", "2024-01", "1/2", "20240105", "2024-01-01 25:00", "Monday"] {
            #expect(date(bad) == nil, "\(bad)")
        }
    }

    @Test func timestampsNormalizeToUTC() {
        let s = date("2024-12-31T23:30:00-01:00")!
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: 40)
        defer { out.deallocate() }
        let (y, m, d) = s.resolve(.ymd)!
        let n = DateWriter.timestamp(s, y, m, d, into: out)
        #expect(String(decoding: UnsafeBufferPointer(start: out, count: n), as: UTF8.self) == "2025-01-01 00:30:00")
    }

    @Test func names() {
        #expect(ColumnNamer.snakeCase("HTTPServer Name") == "http_server_name")
        #expect(ColumnNamer.snakeCase("  Total (EUR) ") == "total_eur")
        #expect(ColumnNamer.snakeCase("Ünïcödé") == "unicode")
        #expect(ColumnNamer.snakeCase("sqlite_master") == "col_sqlite_master")
        #expect(ColumnNamer.names(for: ["", "a", "A", ""]).names == ["column_1", "a", "a_2", "column_4"])
        #expect(TableNames.normalize("2024 Sales.csv") == "t_2024_sales_csv")
        #expect(TableNames.normalize("_tabletalk_catalog") == "tabletalk_catalog")
        #expect(TableNames.normalize("sqlite_stat1") == "col_sqlite_stat1")
    }

    @Test func utf8Validation() {
        func valid(_ b: [UInt8]) -> Bool { b.withUnsafeBufferPointer { UTF8Validator.isValid($0.baseAddress!, count: $0.count) } }
        #expect(valid(Array("héllo 😀".utf8)))
        #expect(!valid([0xC0, 0x80]))  // overlong
        #expect(!valid([0xED, 0xA0, 0x80]))  // surrogate
        #expect(!valid([0xF4, 0x90, 0x80, 0x80]))  // above U+10FFFF
        #expect(!valid([0xE2, 0x82]))  // truncated
        #expect(!valid([0x80]))
    }
}
