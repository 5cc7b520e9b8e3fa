public import TableTalkCore

/// The guard on SQL bound for Athena, checked before anything is sent (Athena has no authorizer to lend, unlike
/// SQLite): the text is read with Trino's lexical rules (``SQLLexer/Dialect/trino``) and must hold exactly one
/// read-only query (`SELECT`, `WITH`, `VALUES`, possibly in parentheses) whose every table reference is in the
/// principal's database — unqualified, `<database>.t` or `awsdatacatalog.<database>.t` — with no
/// `information_schema`, no other catalog or database and no table functions. Refusals are `sqlNotAllowed` (more
/// than one statement: `multipleStatements`; unreadable text: `sqlSyntax`), worded like the SQLite guard's.
///
/// Why word checks suffice: a Trino query cannot nest a statement, so a statement's kind is its first word; words
/// that start writes or schema changes and are reserved in Trino (`INSERT`, `DELETE`, `CREATE`, `DROP`, `ALTER`,
/// `PREPARE`, `EXECUTE`, `DESCRIBE`, `DEALLOCATE`) cannot be column names either, so they are refused anywhere.
/// Table references sit after `FROM` (except the expression `FROM` of `extract`, `trim`, `substring`, `overlay`
/// and `IS DISTINCT FROM`), after `JOIN`, after a comma of a `FROM` list, and inside a parenthesised relation.
public struct AthenaSQLGuard: Sendable {
    /// The principal's Glue database (lower case, as Glue stores names).
    public var database: String
    /// The only catalog a three-part name may name.
    public var catalog = "awsdatacatalog"

    public init(database: String) { self.database = database.lowercased() }

    /// First words of a read-only query.
    static let readStarts: Set<String> = ["select", "with", "values"]
    /// Reserved words of Trino that only statements other than queries use: refused anywhere.
    static let writeWords: Set<String> = [
        "insert", "delete", "create", "drop", "alter", "prepare", "execute", "describe", "deallocate",
    ]
    /// Functions whose parentheses hold an expression `FROM` (`extract(year FROM d)`), not a table.
    static let expressionFromFunctions: Set<String> = ["extract", "trim", "substring", "overlay"]
    /// Words that end a `FROM` list at its depth.
    static let clauseEnds: Set<String> = [
        "where", "group", "having", "order", "limit", "offset", "fetch", "union", "intersect", "except", "window",
    ]
    /// Names that reach the catalog: refused wherever they appear.
    static let catalogNames: Set<String> = ["information_schema"]

    /// The statement to send (its own text, without comments or `;` around it), or the refusal.
    public func check(_ sql: String) throws -> String {
        if sql.unicodeScalars.contains("\0") {
            throw TableTalkError(.sqlSyntax, "the SQL text contains a NUL character (U+0000); remove it", details: ["reason": "nul"])
        }
        let all: [SQLToken]
        do { all = try SQLLexer.tokens(sql, dialect: .trino) } catch {
            throw TableTalkError(.sqlSyntax, "the SQL text has an unterminated \(error.what)", details: ["reason": "unterminated"])
        }
        let statements = all.split(omittingEmptySubsequences: true, whereSeparator: { $0.isSymbol(";") })
        guard let only = statements.first else { throw TableTalkError(.sqlSyntax, "the SQL text holds no statement") }
        guard statements.count == 1 else {
            throw TableTalkError(.multipleStatements, "only one statement per query; found more after the first")
        }
        let toks = Array(only)
        guard let first = toks.first(where: { !$0.isSymbol("(") }), first.kind == .word, Self.readStarts.contains(first.folded) else {
            let verb = toks.first(where: { !$0.isSymbol("(") })?.text.uppercased() ?? "?"
            throw Self.refusal("\(verb) statements (only a read-only SELECT can run on Athena)")
        }
        try checkWords(toks)
        try checkRelations(toks)
        let scalars = Array(sql.unicodeScalars)
        return String(String.UnicodeScalarView(scalars[toks[0].start..<toks[toks.count - 1].end]))
    }

    static func refusal(_ what: String) -> TableTalkError {
        TableTalkError(.sqlNotAllowed, "not allowed: \(what)", details: ["denied": what])
    }

    private func checkWords(_ toks: [SQLToken]) throws {
        for (i, t) in toks.enumerated() {
            if t.kind == .word, Self.writeWords.contains(t.folded) { throw Self.refusal(t.text.uppercased()) }
            if t.isName, Self.catalogNames.contains(t.folded) { throw Self.refusal("reading the catalog (\(t.text))") }
            if t.isSymbol("`") { throw TableTalkError(.sqlSyntax, "backquoted names are not SQL on Athena; quote names with \"double quotes\"") }
            if t.kind == .word, t.folded == "table" { throw Self.refusal("TABLE (table functions and TABLE t)") }
            // U&"…": a name spelt with Unicode escapes, which Trino decodes and this guard would not compare.
            if t.kind == .word, t.folded == "u", i + 2 < toks.count, toks[i + 1].isSymbol("&"), toks[i + 1].start == t.end,
                toks[i + 2].start == toks[i + 1].end, toks[i + 2].kind == .quoted
            {
                throw Self.refusal("a name written with Unicode escapes (U&\"…\")")
            }
        }
    }

    /// Walks the tokens keeping, per parenthesis depth, what opened it and whether a `FROM` list is open there.
    private func checkRelations(_ toks: [SQLToken]) throws {
        struct Level { var opener: String?; var fromList = false }
        var levels = [Level(opener: nil)]
        var pending = false  // the next name is a table reference
        var i = 0
        while i < toks.count {
            let t = toks[i]
            if t.isSymbol("(") {
                let before = i > 0 && toks[i - 1].kind == .word ? toks[i - 1].folded : nil
                let next = i + 1 < toks.count ? toks[i + 1] : nil
                let subquery = next.map { $0.kind == .word && Self.readStarts.contains($0.folded) } ?? false
                // `FROM (a JOIN b …)`: the parenthesised relation keeps the table position open inside.
                levels.append(Level(opener: before, fromList: pending && !subquery))
                if subquery { pending = false }
                i += 1
                continue
            }
            if t.isSymbol(")") {
                if levels.count > 1 { levels.removeLast() }
                pending = false
                i += 1
                continue
            }
            if pending {
                pending = false
                if t.isName, !(t.kind == .word && ["unnest", "lateral", "select", "with", "values"].contains(t.folded)) {
                    var parts = [t]
                    var j = i + 1
                    while j + 1 < toks.count, toks[j].isSymbol("."), toks[j + 1].isName {
                        parts.append(toks[j + 1])
                        j += 2
                    }
                    try checkTable(parts)
                    i = j
                    continue
                }
            }
            if t.kind == .word {
                switch t.folded {
                case "from":
                    let distinct = i > 0 && toks[i - 1].isWord("distinct")
                    let opener = levels[levels.count - 1].opener
                    if !distinct, !(opener.map(Self.expressionFromFunctions.contains) ?? false) {
                        levels[levels.count - 1].fromList = true
                        pending = true
                    }
                case "join":
                    pending = true
                case let w where Self.clauseEnds.contains(w):
                    levels[levels.count - 1].fromList = false
                default: break
                }
            } else if t.isSymbol(","), levels[levels.count - 1].fromList {
                pending = true
            }
            i += 1
        }
    }

    /// A table reference: `t`, `<database>.t` or `awsdatacatalog.<database>.t`.
    private func checkTable(_ parts: [SQLToken]) throws {
        let names = parts.map(\.folded)
        let shown = parts.map(\.text).joined(separator: ".")
        switch names.count {
        case 1:
            return
        case 2 where names[0] == database:
            return
        case 3 where names[0] == catalog && names[1] == database:
            return
        case 2:
            throw Self.refusal("reading table \(shown) in another database (\(parts[0].text))")
        case 3:
            throw Self.refusal("reading table \(shown) outside this user's database")
        default:
            throw Self.refusal("reading \(shown)")
        }
    }
}
