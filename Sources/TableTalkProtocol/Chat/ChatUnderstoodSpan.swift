/// A part of the question and what it was read as (``ChatAnswer/understood``): `text` with character offsets
/// `start`..<`end` into the question when known, `kind` (column, value, operator, aggregate, time, table, limit,
/// order, unknown) and `meaning` ("amount", "region = West", "sum", "revenue > 50").
public struct ChatUnderstoodSpan: Codable, Sendable, Hashable {
    public var text: String
    public var start: Int?
    public var end: Int?
    public var kind: String
    public var meaning: String
    public init(text: String, start: Int? = nil, end: Int? = nil, kind: String, meaning: String) {
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind
        self.meaning = meaning
    }
}
