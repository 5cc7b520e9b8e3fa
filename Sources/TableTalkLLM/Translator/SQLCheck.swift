import TableTalkCore

/// Checks one statement written by a model before it goes anywhere near the engine: exactly one statement, a
/// read (`SELECT` or `WITH … SELECT`) with no write word, tables only from the principal's catalog (or the
/// statement's own CTEs and subqueries: no `sqlite_master`, no `other.table`, no table-valued functions), known
/// columns, and no function that reaches files or the schema. The engine's guard still runs afterwards; this
/// check exists so a model gets a precise error to repair and an injected statement never reaches the engine.
struct SQLCheck: Sendable {
    let tables: [TableInfo]
    var words = SQLLanguage.shared

    /// The statement's own text (comments and semicolons around it removed), or the problem with it.
    func check(_ sql: String) throws(SQLProblem) -> String {
        let all: [SQLToken]
        do { all = try SQLLexer.tokens(sql) } catch { throw .unreadable(error.what) }
        let statements = all.split(omittingEmptySubsequences: true, whereSeparator: { $0.isSymbol(";") })
        guard let only = statements.first else { throw .noStatement }
        guard statements.count == 1 else { throw .multipleStatements }
        let toks = Array(only)
        guard let first = toks.first, first.kind == SQLToken.Kind.word, words.readStarts.contains(first.folded) else {
            throw .notRead(toks.first?.text ?? "")
        }
        if let write = toks.first(where: { $0.kind == SQLToken.Kind.word && words.writeWords.contains($0.folded) }) {
            throw .notRead(write.text)
        }
        try checkNames(toks)
        let scalars = Array(sql.unicodeScalars)
        return String(String.UnicodeScalarView(scalars[toks[0].start..<toks[toks.count - 1].end]))
    }

    /// What a name in the statement stands for after the FROM pass.
    private struct Scope {
        /// Table or alias (lower case) → the catalog table it reads, nil for a CTE or subquery.
        var sources: [String: TableInfo?] = [:]
        /// Names defined by the statement: CTE names and columns, output aliases.
        var defined: Set<String> = []
        /// Token positions already accounted for (table names, their aliases, CTE definitions).
        var consumed: Set<Int> = []
    }

    private func checkNames(_ toks: [SQLToken]) throws(SQLProblem) {
        var catalog: [String: TableInfo] = [:]
        for t in tables { catalog[t.name.lowercased()] = t }
        var scope = Scope()
        collectCTEs(toks, into: &scope)
        try collectSources(toks, catalog: catalog, into: &scope)
        collectAliases(toks, into: &scope)
        let read = scope.sources.values.compactMap { $0 }
        var columns: Set<String> = ["rowid", "oid", "_rowid_"]
        for t in read { for c in t.columns { columns.insert(c.name.lowercased()) } }
        let known = Array(Set(read.flatMap { $0.columns.map(\.name) })).sorted()
        var i = 0
        while i < toks.count {
            defer { i += 1 }
            let t = toks[i]
            guard t.isName, !scope.consumed.contains(i), !isKeyword(t) else { continue }
            let next = i + 1 < toks.count ? toks[i + 1] : nil
            if next?.isSymbol("(") == true {
                if words.isDenied(function: t.text) { throw .deniedFunction(t.text) }
                continue
            }
            if next?.isSymbol(".") == true {
                guard let source = scope.sources[t.folded] else {
                    if scope.defined.contains(t.folded) { continue }
                    throw .unknownTable(t.text)
                }
                if i + 2 < toks.count, let table = source {
                    let column = toks[i + 2]
                    if column.isName, table.columns.first(where: { $0.name.lowercased() == column.folded }) == nil,
                        !["rowid", "oid", "_rowid_"].contains(column.folded)
                    {
                        throw .unknownColumn("\(t.text).\(column.text)", known: table.columns.map(\.name))
                    }
                }
                i += 2
                continue
            }
            if definesAlias(toks, at: i) { continue }
            let name = t.folded
            if columns.contains(name) || scope.defined.contains(name) || scope.sources[name] != nil { continue }
            throw .unknownColumn(t.text, known: known)
        }
    }

    private func isKeyword(_ t: SQLToken) -> Bool { t.kind == SQLToken.Kind.word && words.keywords.contains(t.folded) }

    /// Whether the name at `i` names something rather than using it: after AS, COLLATE, OVER or WINDOW, or right
    /// after the end of an expression (`count(*) n`, `amount total`).
    private func definesAlias(_ toks: [SQLToken], at i: Int) -> Bool {
        guard i > 0 else { return false }
        let prev = toks[i - 1]
        if prev.isWord("as") || prev.isWord("collate") || prev.isWord("over") || prev.isWord("window") { return true }
        switch prev.kind {
        case .string, .number, .quoted: return true
        case .word: return !isKeyword(prev) || prev.isWord("end")
        case .symbol: return prev.isSymbol(")")
        case .parameter: return true
        }
    }

    /// `WITH name [(col, …)] AS (` defines a CTE (and its columns).
    private func collectCTEs(_ toks: [SQLToken], into scope: inout Scope) {
        guard toks.first?.isWord("with") == true else { return }
        for i in toks.indices where toks[i].isName && !isKeyword(toks[i]) {
            var j = i + 1
            var columns: [Int] = []
            if j < toks.count, toks[j].isSymbol("(") {
                var k = j + 1
                while k < toks.count, !toks[k].isSymbol(")") {
                    if toks[k].isName { columns.append(k) }
                    k += 1
                }
                j = k + 1
            }
            guard j + 1 < toks.count, toks[j].isWord("as"), toks[j + 1].isSymbol("(") else { continue }
            // `CAST(x AS (…))` is not SQL, so `name AS (` is a CTE
            scope.sources[toks[i].folded] = .some(nil)
            scope.defined.insert(toks[i].folded)
            scope.consumed.insert(i)
            for k in columns {
                scope.defined.insert(toks[k].folded)
                scope.consumed.insert(k)
            }
        }
    }

    /// Walks FROM lists and JOINs: each table must be in the catalog or be a CTE; subqueries get their alias.
    private func collectSources(_ toks: [SQLToken], catalog: [String: TableInfo], into scope: inout Scope)
        throws(SQLProblem)
    {
        struct Level { var inFrom = false; var isSubquery = false }
        var stack = [Level()]
        var expectTable = false
        var i = 0
        func aliasAfter(_ at: Int, target: TableInfo?) -> Int {
            var j = at
            if j < toks.count, toks[j].isWord("as") { j += 1 }
            if j < toks.count, toks[j].isName, !isKeyword(toks[j]) {
                scope.sources[toks[j].folded] = .some(target)
                scope.consumed.insert(j)
                return j + 1
            }
            return at
        }
        while i < toks.count {
            let t = toks[i]
            if expectTable {
                expectTable = false
                if t.isSymbol("(") {
                    stack.append(Level(inFrom: false, isSubquery: true))
                    i += 1
                    continue
                }
                guard t.isName else { throw .unknownTable(t.text) }
                if i + 1 < toks.count, toks[i + 1].isSymbol(".") {
                    let rest = i + 2 < toks.count ? toks[i + 2].text : ""
                    throw .unknownTable("\(t.text).\(rest)")
                }
                if i + 1 < toks.count, toks[i + 1].isSymbol("(") { throw .unknownTable("\(t.text)(…)") }
                let target: TableInfo?
                if let table = catalog[t.folded] {
                    target = table
                } else if scope.defined.contains(t.folded) {
                    target = nil
                } else {
                    throw .unknownTable(t.text)
                }
                if scope.sources[t.folded] == nil { scope.sources[t.folded] = .some(target) }
                scope.consumed.insert(i)
                i = aliasAfter(i + 1, target: target)
                continue
            }
            if t.isSymbol("(") {
                stack.append(Level())
            } else if t.isSymbol(")") {
                let level = stack.count > 1 ? stack.removeLast() : Level()
                if level.isSubquery {
                    i = aliasAfter(i + 1, target: nil)
                    continue
                }
            } else if t.isWord("from") {
                // `a IS [NOT] DISTINCT FROM b` compares values
                if i > 0, toks[i - 1].isWord("distinct"), i > 1, toks[i - 2].isWord("is") || toks[i - 2].isWord("not") {
                    i += 1
                    continue
                }
                stack[stack.count - 1].inFrom = true
                expectTable = true
            } else if t.isWord("join") {
                stack[stack.count - 1].inFrom = true
                expectTable = true
            } else if t.isSymbol(","), stack[stack.count - 1].inFrom {
                expectTable = true
            } else if t.kind == SQLToken.Kind.word, words.clauseEnds.contains(t.folded) {
                stack[stack.count - 1].inFrom = false
            }
            i += 1
        }
    }

    /// Output and other aliases (`AS total`, `count(*) n`), which later clauses may use like columns.
    private func collectAliases(_ toks: [SQLToken], into scope: inout Scope) {
        for i in toks.indices where toks[i].isName && !isKeyword(toks[i]) && !scope.consumed.contains(i) {
            let next = i + 1 < toks.count ? toks[i + 1] : nil
            if next?.isSymbol("(") == true || next?.isSymbol(".") == true { continue }
            if i > 0, toks[i - 1].isSymbol(".") { continue }
            if definesAlias(toks, at: i) { scope.defined.insert(toks[i].folded) }
        }
    }
}
