/// One lexical token of a SQL statement, as far as checking a statement before it runs needs (a model's answer,
/// SQL bound for Athena): words (keywords and bare names), quoted names, literals and punctuation. Comments and
/// spaces are dropped by ``SQLLexer``.
public struct SQLToken: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A bare word: a keyword or a name (`SELECT`, `amount`).
        case word
        /// A name in double quotes (SQLite also backticks and brackets); `text` is the name without quotes.
        case quoted
        /// A string literal in single quotes (`text` without quotes) or a blob literal.
        case string
        case number
        /// `?`, `:name`, `@name`, `$name`.
        case parameter
        /// Operators and punctuation: `(`, `)`, `,`, `.`, `;`, `*`, `<=`, `||`…
        case symbol
    }
    public var kind: Kind
    public var text: String
    /// Where the token is in the source, in Unicode scalars (`end` exclusive).
    public var start = 0
    public var end = 0

    public init(kind: Kind, text: String, start: Int = 0, end: Int = 0) {
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
    }

    /// Whether this is the bare word `word` (given in lower case; the token in any case).
    public func isWord(_ word: String) -> Bool { kind == Kind.word && text.lowercased() == word }
    public func isSymbol(_ symbol: String) -> Bool { kind == Kind.symbol && text == symbol }
    /// A name: a bare word or a quoted name.
    public var isName: Bool { kind == Kind.word || kind == Kind.quoted }
    /// The word in lower case, for set lookups.
    public var folded: String { text.lowercased() }
}
