/// One lexical token of a SQLite statement, as far as checking a model's answer needs: words (keywords and bare
/// names), quoted names, literals and punctuation. Comments and spaces are dropped by ``SQLLexer``.
struct SQLToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A bare word: a keyword or a name (`SELECT`, `amount`).
        case word
        /// A name in double quotes, backticks or brackets; `text` is the name without quotes.
        case quoted
        /// A string literal in single quotes (`text` without quotes) or a blob literal.
        case string
        case number
        /// `?`, `:name`, `@name`, `$name`.
        case parameter
        /// Operators and punctuation: `(`, `)`, `,`, `.`, `;`, `*`, `<=`, `||`…
        case symbol
    }
    var kind: Kind
    var text: String
    /// Where the token is in the source, in Unicode scalars (`end` exclusive).
    var start = 0
    var end = 0

    /// Whether this is the bare word `word` (given in lower case; the token in any case).
    func isWord(_ word: String) -> Bool { kind == Kind.word && text.lowercased() == word }
    func isSymbol(_ symbol: String) -> Bool { kind == Kind.symbol && text == symbol }
    /// A name: a bare word or a quoted name.
    var isName: Bool { kind == Kind.word || kind == Kind.quoted }
    /// The word in lower case, for set lookups.
    var folded: String { text.lowercased() }
}
