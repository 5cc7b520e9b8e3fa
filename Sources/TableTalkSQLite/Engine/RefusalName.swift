/// Names what a refused statement does, from its words, for the cases where SQLite's authorizer only reports
/// its own bookkeeping (a write to `sqlite_master`): `DROP TABLE`, `CREATE INDEX`, or the built-in table a
/// `SELECT` reads (`table-valued function json_each`).
enum RefusalName {
    /// Statement kinds that change the schema, by their first word.
    static let schemaVerbs: Set<String> = ["CREATE", "DROP", "ALTER"]
    /// Words between the verb and the object kind (`CREATE TEMP TABLE`, `CREATE UNIQUE INDEX`).
    static let modifiers: Set<String> = ["TEMP", "TEMPORARY", "UNIQUE", "VIRTUAL"]
    /// Statement kinds that only read, by their first word.
    static let readVerbs: Set<String> = ["SELECT", "WITH", "VALUES"]

    static func describe(_ sql: String, isProtected: (String) -> Bool) -> String? {
        let words = self.words(sql)
        guard let first = words.first?.uppercased() else { return nil }
        if schemaVerbs.contains(first) {
            var i = 1
            while i < words.count, modifiers.contains(words[i].uppercased()) { i += 1 }
            guard i < words.count else { return first }
            return first + " " + words[i].uppercased()
        }
        guard readVerbs.contains(first) else { return nil }  // `UPDATE sqlite_master …` keeps SQLite's own words
        if let name = words.first(where: isProtected) { return "reading built-in table \(name)" }
        return nil
    }

    /// The identifier-like words of `sql` outside quotes and comments (quoted identifiers keep their text).
    static func words(_ sql: String) -> [String] {
        var out: [String] = []
        var current = ""
        let chars = Array(sql.unicodeScalars)
        var i = 0
        func flush() {
            if !current.isEmpty { out.append(current) }
            current = ""
        }
        while i < chars.count {
            let c = chars[i]
            if c == "'" {  // a string literal: skipped
                flush()
                i += 1
                while i < chars.count && !(chars[i] == "'" && (i + 1 >= chars.count || chars[i + 1] != "'")) {
                    i += chars[i] == "'" ? 2 : 1
                }
                i += 1
            } else if c == "\"" || c == "`" || c == "[" {  // a quoted identifier: one word
                flush()
                let close: Unicode.Scalar = c == "[" ? "]" : c
                i += 1
                while i < chars.count && chars[i] != close {
                    current.unicodeScalars.append(chars[i])
                    i += 1
                }
                flush()
                i += 1
            } else if c == "-" && i + 1 < chars.count && chars[i + 1] == "-" {
                flush()
                while i < chars.count && chars[i] != "\n" { i += 1 }
            } else if c == "/" && i + 1 < chars.count && chars[i + 1] == "*" {
                flush()
                i += 2
                while i + 1 < chars.count && !(chars[i] == "*" && chars[i + 1] == "/") { i += 1 }
                i += 2
            } else if c.properties.isAlphabetic || c == "_" || ("0"..."9").contains(c) || c == "$" {
                current.unicodeScalars.append(c)
                i += 1
            } else {
                flush()
                i += 1
            }
        }
        flush()
        return out
    }
}
