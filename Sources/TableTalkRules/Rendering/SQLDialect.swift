public import TableTalkCore

/// How one SQL engine spells the pieces a ``QueryPlan`` needs. ``SQLRenderer`` does the rest, so a new engine
/// (Athena/Trino, DuckDB) is one conforming type.
///
/// Every identifier goes through ``quote(identifier:)`` and every value through a literal function, so no user
/// text reaches SQL unescaped.
public protocol SQLDialect: Sendable {
    /// A name for logs and tests ("sqlite", "trino").
    var name: String { get }
    /// `"name"` with inner quotes doubled.
    func quote(identifier: String) -> String
    /// `'text'` with inner quotes doubled (and anything the engine cannot take removed).
    func literal(text: String) -> String
    /// A date constant for comparisons with date columns.
    func literal(date iso: String) -> String
    /// An aggregate call; `argument` is nil for `count(*)`.
    func aggregate(_ aggregate: Measure.Aggregate, argument: String?) -> String
    /// A date or timestamp truncated to a bucket, as sortable text (`2023`, `2023-Q3`, `2023-07`, `2023-W27`, `2023-07-04`).
    func bucket(_ expr: String, _ bucket: TimeBucket) -> String
    /// A calendar part as an integer.
    func datePart(_ expr: String, _ part: DatePart) -> String
    /// The leading number of a text value, or NULL.
    func leadingNumber(_ expr: String) -> String
    /// A duration written as text ("m:ss.ff" or "h:mm:ss") in seconds, or NULL.
    func durationSeconds(_ expr: String) -> String
    /// The first day of the bucket holding the date `expr`, moved back `back` buckets.
    func periodStart(_ expr: String, _ bucket: TimeBucket, back: Int) -> String
    /// `expr` differs from `literal`, NULL counting as different.
    func distinct(_ expr: String, from literal: String) -> String
    /// Case-insensitive substring test.
    func contains(_ expr: String, literal: String) -> String
    /// An expression for a row's position in its source file, or nil when the engine has none.
    var rowPosition: String? { get }
}

extension SQLDialect {
    public func quote(identifier: String) -> String {
        "\"" + identifier.replacing("\"", with: "\"\"") + "\""
    }

    public func literal(text: String) -> String {
        let clean = text.filter { $0 != "\u{0}" }
        return "'" + clean.replacing("'", with: "''") + "'"
    }
}
