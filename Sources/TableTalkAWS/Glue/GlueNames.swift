import Crypto
import Foundation
public import TableTalkCore
import TableTalkCSV

/// Names Glue and Athena accept: lower-case ASCII letters, digits and `_` (Glue lower-cases names itself and
/// Athena refuses other characters in database and table names unquoted).
public enum GlueNames {
    /// Longest database or table name Glue allows.
    public static let maxLength = 255

    /// The principal's database: `<prefix><id>` when the id is already letters, digits and `_` (lower-cased),
    /// else a safe form plus 8 hex digits of the id's SHA-256, so two ids never share a database
    /// (`tabletalk_` + `3f2a-…` → `tabletalk_3f2a_…_1c9e04b2`).
    public static func database(for principal: Principal, prefix: String) -> String {
        let safe = ascii(principal.id.lowercased())
        var name = prefix + (safe.isEmpty ? "_" : safe)
        if safe != principal.id {
            let digest = SHA256.hash(data: Data(principal.id.utf8))
            let tag = "_" + digest.prefix(4).map { String(format: "%02x", $0) }.joined()
            name = String(name.prefix(maxLength - tag.count)) + tag
        }
        return String(name.prefix(maxLength))
    }

    /// A table name as the embedded path normalizes it (snake_case, `t_` before a leading digit, `table` when
    /// empty), with letters outside ASCII replaced by `_` for Athena.
    public static func table(_ raw: String) -> String {
        var name = ColumnNamer.snakeCase(raw)
        if name.hasPrefix("col_"),
            raw.unicodeScalars.first(where: { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
                .map({ ("0"..."9").contains($0) }) == true
        {
            name = "t_" + name.dropFirst(4)
        }
        name = ascii(name)
        while name.hasPrefix("_") { name.removeFirst() }
        if name.isEmpty { name = "table" }
        if name.first?.isNumber == true { name = "t_" + name }
        return String(name.prefix(maxLength))
    }

    /// The stem of a file name (`sales.2024.csv` → `sales.2024`).
    public static func stem(_ fileName: String) -> String {
        let last = fileName.split(separator: "/").last.map(String.init) ?? fileName
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return last }
        return String(last[..<dot])
    }

    /// Lower-case ASCII letters, digits and `_`; anything else becomes `_`.
    static func ascii(_ s: String) -> String {
        String(
            s.lowercased().unicodeScalars.map { c -> Character in
                (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "_" ? Character(c) : "_"
            })
    }
}
