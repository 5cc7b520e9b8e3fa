public import TableTalkCore

/// Athena / Trino SQL, for plans over Glue tables with real DATE columns. Row positions are not available
/// (tables have no stable row order), so plans that need them do not render.
public struct TrinoDialect: SQLDialect {
    /// The Athena / Trino dialect.
    public init() {}

    public var name: String { "trino" }

    public func literal(date iso: String) -> String { "DATE " + literal(text: iso) }

    public func aggregate(_ aggregate: Measure.Aggregate, argument: String?) -> String {
        guard let arg = argument else { return "count(*)" }
        switch aggregate {
        case .count: return "count(\(arg))"
        case .countDistinct: return "count(DISTINCT \(arg))"
        case .sum: return "sum(\(arg))"
        case .avg: return "avg(\(arg))"
        case .min: return "min(\(arg))"
        case .max: return "max(\(arg))"
        case .median: return "approx_percentile(\(arg), 0.5)"
        }
    }

    public func bucket(_ expr: String, _ bucket: TimeBucket) -> String {
        switch bucket {
        case .year: return "date_format(\(expr), '%Y')"
        case .quarter: return "concat(date_format(\(expr), '%Y'), '-Q', CAST(quarter(\(expr)) AS varchar))"
        case .month: return "date_format(\(expr), '%Y-%m')"
        case .week: return "date_format(\(expr), '%x-W%v')"
        case .day: return "date_format(\(expr), '%Y-%m-%d')"
        }
    }

    public func datePart(_ expr: String, _ part: DatePart) -> String {
        switch part {
        case .monthOfYear: return "month(\(expr))"
        case .dayOfWeek: return "(day_of_week(\(expr)) % 7)"
        case .year: return "year(\(expr))"
        }
    }

    public func leadingNumber(_ expr: String) -> String {
        "TRY_CAST(regexp_extract(replace(CAST(\(expr) AS varchar), ',', ''), '^\\s*\\$?([-+]?[0-9]*\\.?[0-9]+)', 1) AS double)"
    }

    public func durationSeconds(_ expr: String) -> String {
        let parts = "split(trim(CAST(\(expr) AS varchar)), ':')"
        return "reduce(\(parts), CAST(0 AS double), (s, p) -> s * 60 + TRY_CAST(p AS double), s -> s)"
    }

    public func periodStart(_ expr: String, _ bucket: TimeBucket, back: Int) -> String {
        "date_add('\(bucket.rawValue)', -\(back), date_trunc('\(bucket.rawValue)', \(expr)))"
    }

    public func distinct(_ expr: String, from literal: String) -> String { "\(expr) IS DISTINCT FROM \(literal)" }

    public func contains(_ expr: String, literal needle: String) -> String {
        "strpos(lower(\(expr)), lower(\(needle))) > 0"
    }

    public var rowPosition: String? { nil }
}
