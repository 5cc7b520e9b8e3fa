import Foundation
import TableTalkCore
import TableTalkProtocol

/// Conversions from Core values to the wire types of `chat.send`.
enum ChatMapping {
    static func result(_ r: QueryResult) -> ChatResult {
        ChatResult(
            columns: r.columns.map { .init(name: $0.name, type: $0.type) },
            rows: r.rows.map { $0.map(cell) }, rowCount: r.rowCount, truncated: r.truncated, elapsedMs: r.elapsedMs)
    }

    static func cell(_ v: CellValue) -> JSONValue {
        switch v {
        case .null: return .null
        case .integer(let i): return .int(i)
        case .real(let d): return d.isFinite ? .double(d) : .null
        case .text(let s): return .string(s)
        }
    }

    static func chart(_ c: ChartSuggestion?) -> ChatChart? {
        c.map { ChatChart(kind: $0.kind.rawValue, x: $0.x, y: $0.y) }
    }

    static func plan(_ p: QueryPlan?) -> JSONValue? {
        p.flatMap { try? JSONValue(encoding: $0) }
    }

    static func understood(_ spans: [UnderstoodSpan]) -> [ChatUnderstoodSpan]? {
        spans.isEmpty ? nil : spans.map { ChatUnderstoodSpan(text: $0.text, start: $0.start, end: $0.end, kind: $0.kind.rawValue, meaning: $0.meaning) }
    }

    static func error(_ e: TableTalkError) -> ChatAnswerError {
        ChatAnswerError(code: e.code, kind: String(describing: e.kind), message: e.message)
    }
}
