package import TableTalkCore

/// Builders for the specific errors of CSV reading; every message names the line it is about.
package enum TableTalkErrorFactory {
    package static func io(_ message: String) -> TableTalkError { TableTalkError(.internalFailure, message) }

    package static func notCSV(_ reason: String, line: Int? = nil) -> TableTalkError {
        let prefix = line.map { "line \($0): " } ?? ""
        return TableTalkError(.notCSV, "\(prefix)not a CSV text file: \(reason)", details: lineDetails(line))
    }

    package static func unclosedQuote(line: Int) -> TableTalkError {
        TableTalkError(
            .csvUnclosedQuote, "line \(line): a quoted field opened here is never closed", details: lineDetails(line))
    }

    package static func raggedRow(line: Int, found: Int, expected: Int) -> TableTalkError {
        TableTalkError(
            .csvRaggedRow, "line \(line): \(found) fields, but the header has \(expected)",
            details: ["line": String(line), "found": String(found), "expected": String(expected)])
    }

    package static func tooManyColumns(line: Int, limit: Int) -> TableTalkError {
        TableTalkError(
            .csvTooManyColumns, "line \(line): more than \(limit) columns",
            details: ["line": String(line), "limit": String(limit)])
    }

    package static func fieldTooLarge(line: Int, limit: Int, what: String = "a field") -> TableTalkError {
        TableTalkError(
            .csvFieldTooLarge, "line \(line): \(what) is larger than \(ByteCount.format(limit))",
            details: ["line": String(line), "limit": String(limit)])
    }

    package static func empty(_ reason: String) -> TableTalkError { TableTalkError(.csvEmpty, reason) }

    package static func encoding(_ reason: String) -> TableTalkError { TableTalkError(.csvEncoding, reason) }

    private static func lineDetails(_ line: Int?) -> [String: String] { line.map { ["line": String($0)] } ?? [:] }
}

/// Human-readable byte counts ("1 MiB").
package enum ByteCount {
    package static func format(_ n: Int) -> String {
        if n >= 1 << 30, n % (1 << 30) == 0 { return "\(n >> 30) GiB" }
        if n >= 1 << 20, n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
        if n >= 1 << 10, n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
        return "\(n) bytes"
    }
}
