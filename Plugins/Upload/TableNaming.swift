import Foundation

/// SQL table names from file names and user input: ASCII snake_case, starting with a letter, at most 63 bytes.
/// Used for the name `upload.status` previews; the ingestor normalizes the name it is given the same way and its
/// answer is authoritative.
/// `Sales Q1 2024.csv` → `sales_q1_2024`, `customerOrders` → `customer_orders`, `2024.csv` → `t_2024`.
enum TableNaming {
    static let maxLength = 63
    /// SQLite's built-in tables a user table cannot replace (the ingestor renames them the same way).
    static let builtInTables: Set<String> = [
        "dbstat", "json_each", "json_tree", "generate_series", "fts3tokenize", "fts4aux", "fts5vocab", "zipfile",
        "fsdir", "completion",
    ]

    /// The table name for an upload: `requested` when given, else the stem of `fileName`; both snake_cased.
    static func tableName(requested: String?, fileName: String) -> String {
        if let requested, !requested.trimmingCharacters(in: .whitespaces).isEmpty { return snakeCase(requested) }
        let base = (fileName as NSString).lastPathComponent
        let stem = (base as NSString).deletingPathExtension
        return snakeCase(stem.isEmpty ? base : stem)
    }

    static func snakeCase(_ raw: String) -> String {
        let folded = raw.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        let chars = Array(folded.unicodeScalars)
        var out = ""
        var pending = false
        for (i, c) in chars.enumerated() {
            let isUpper = c >= "A" && c <= "Z"
            let isAlnum = isUpper || (c >= "a" && c <= "z") || (c >= "0" && c <= "9")
            guard isAlnum else {
                let word: String? = c == "%" ? "pct" : c == "#" ? "num" : c == "&" ? "and" : nil
                if let word {
                    if !out.isEmpty { out += "_" }
                    out += word
                }
                pending = true
                continue
            }
            if isUpper, i > 0 {
                let prev = chars[i - 1]
                let next = i + 1 < chars.count ? chars[i + 1] : " "
                let prevLowerOrDigit = (prev >= "a" && prev <= "z") || (prev >= "0" && prev <= "9")
                let camelEnd = (prev >= "A" && prev <= "Z") && (next >= "a" && next <= "z")
                if prevLowerOrDigit || camelEnd { pending = true }
            }
            if pending && !out.isEmpty { out += "_" }
            pending = false
            out.unicodeScalars.append(isUpper ? Unicode.Scalar(c.value + 32)! : c)
        }
        if out.isEmpty { out = "table" }
        if let first = out.unicodeScalars.first, first >= "0" && first <= "9" { out = "t_" + out }
        if out.hasPrefix("sqlite_") || out.hasPrefix("pragma_") || builtInTables.contains(out) { out = "t_" + out }
        if out.utf8.count > maxLength { out = String(out.prefix(maxLength)) }
        while out.hasSuffix("_") { out.removeLast() }
        return out
    }
}
