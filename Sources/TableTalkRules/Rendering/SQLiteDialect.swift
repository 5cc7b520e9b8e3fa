public import TableTalkCore

/// SQLite as TableTalk's SQLite adapter sets it up: dates as ISO text, booleans 0/1, and the aggregate
/// functions `median`, `percentile`, `stddev`, `variance` and `mode` registered on the connection.
public struct SQLiteDialect: SQLDialect {
    /// The SQLite dialect.
    public init() {}

    public var name: String { "sqlite" }

    public func literal(date iso: String) -> String { literal(text: iso) }

    public func aggregate(_ aggregate: Measure.Aggregate, argument: String?) -> String {
        guard let arg = argument else { return "count(*)" }
        switch aggregate {
        case .count: return "count(\(arg))"
        case .countDistinct: return "count(DISTINCT \(arg))"
        case .sum: return "sum(\(arg))"
        case .avg: return "avg(\(arg))"
        case .min: return "min(\(arg))"
        case .max: return "max(\(arg))"
        case .median: return "median(\(arg))"
        }
    }

    public func bucket(_ expr: String, _ bucket: TimeBucket) -> String {
        switch bucket {
        case .year: return "strftime('%Y', \(expr))"
        case .quarter: return "strftime('%Y', \(expr)) || '-Q' || ((CAST(strftime('%m', \(expr)) AS INTEGER) + 2) / 3)"
        case .month: return "strftime('%Y-%m', \(expr))"
        case .week: return "strftime('%Y-W%W', \(expr))"
        case .day: return "date(\(expr))"
        }
    }

    public func datePart(_ expr: String, _ part: DatePart) -> String {
        switch part {
        case .monthOfYear: return "CAST(strftime('%m', \(expr)) AS INTEGER)"
        case .dayOfWeek: return "CAST(strftime('%w', \(expr)) AS INTEGER)"
        case .year: return "CAST(strftime('%Y', \(expr)) AS INTEGER)"
        }
    }

    public func leadingNumber(_ expr: String) -> String {
        let stripped = "ltrim(\(expr), ' $£€+-')"
        let scale = "(CASE WHEN instr(lower(\(expr)), 'billion') > 0 THEN 1e9 WHEN instr(lower(\(expr)), 'million') > 0 THEN 1e6 ELSE 1 END)"
        return "(CASE WHEN \(stripped) GLOB '[0-9]*' OR \(stripped) GLOB '.[0-9]*' "
            + "THEN CAST(replace(replace(replace(replace(trim(\(expr)), ',', ''), '$', ''), '£', ''), '€', '') AS REAL) * \(scale) END)"
    }

    public func durationSeconds(_ expr: String) -> String {
        let x = "trim(\(expr))"
        let rest = "substr(\(x), instr(\(x), ':') + 1)"
        let hms = "CAST(substr(\(x), 1, instr(\(x), ':') - 1) AS REAL) * 3600 + CAST(substr(\(rest), 1, instr(\(rest), ':') - 1) AS REAL) * 60 + CAST(substr(\(rest), instr(\(rest), ':') + 1) AS REAL)"
        let ms = "CAST(substr(\(x), 1, instr(\(x), ':') - 1) AS REAL) * 60 + CAST(\(rest) AS REAL)"
        return "(CASE WHEN \(x) GLOB '[0-9]*:[0-9]*:[0-9]*' THEN \(hms) WHEN \(x) GLOB '[0-9]*:[0-9]*' THEN \(ms) WHEN \(x) GLOB '[0-9]*' THEN CAST(\(x) AS REAL) END)"
    }

    public func periodStart(_ expr: String, _ bucket: TimeBucket, back: Int) -> String {
        switch bucket {
        case .day: return "date(\(expr), '-\(back) days')"
        case .week: return "date(\(expr), '-6 days', 'weekday 1', '-\(7 * back) days')"
        case .month: return "date(\(expr), 'start of month', '-\(back) months')"
        case .quarter:
            return "date(\(expr), 'start of month', '-' || ((CAST(strftime('%m', \(expr)) AS INTEGER) - 1) % 3) || ' months', '-\(3 * back) months')"
        case .year: return "date(\(expr), 'start of year', '-\(back) years')"
        }
    }

    public func distinct(_ expr: String, from literal: String) -> String { "\(expr) IS NOT \(literal)" }

    public func contains(_ expr: String, literal needle: String) -> String {
        "instr(lower(\(expr)), lower(\(needle))) > 0"
    }

    public var rowPosition: String? { "rowid" }
}
