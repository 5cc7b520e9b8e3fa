import Foundation

/// Turns headers into SQL-friendly snake_case names, deterministically: `Order Date` → `order_date`,
/// `customerID` → `customer_id`, `Growth %` → `growth_pct`, `2024` → `col_2024`, an empty header in column 3 →
/// `column_3`, a second `name` → `name_2`. Letters outside ASCII are kept (accents are folded: `Café` → `cafe`).
package enum ColumnNamer {
    package static let maxLength = 63

    /// Names for `labels` (1-based positions for empty ones) and a warning for every rename that is not just
    /// a change of spelling.
    package static func names(for labels: [String]) -> (names: [String], warnings: [String]) {
        var used = Set<String>()
        var names: [String] = []
        var warnings: [String] = []
        for (i, label) in labels.enumerated() {
            var base = snakeCase(label)
            if base.isEmpty {
                base = "column_\(i + 1)"
                warnings.append("column \(i + 1) has no name: named \(base)")
            }
            var name = base
            var k = 2
            while used.contains(name.lowercased()) {
                name = "\(base)_\(k)"
                k += 1
            }
            if name != base { warnings.append("column \(i + 1) repeats the name '\(label)': named \(name)") }
            used.insert(name.lowercased())
            names.append(name)
        }
        return (names, warnings)
    }

    /// snake_case of one label; empty when it has no letters or digits.
    package static func snakeCase(_ label: String) -> String {
        let folded = label.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        let chars = Array(folded)
        var out = ""
        var pendingUnderscore = false
        func emit(_ s: String) {
            if pendingUnderscore && !out.isEmpty { out += "_" }
            pendingUnderscore = false
            out += s
        }
        for (i, c) in chars.enumerated() {
            if c.isLetter || c.isNumber {
                if c.isUppercase, i > 0 {
                    let prev = chars[i - 1]
                    let next = i + 1 < chars.count ? chars[i + 1] : " "
                    if prev.isLowercase || prev.isNumber || (prev.isUppercase && next.isLowercase) {
                        pendingUnderscore = true
                    }
                }
                emit(String(c).lowercased())
            } else {
                switch c {
                case "%": emit("pct")
                case "#": emit("num")
                case "&": emit("and")
                default: break
                }
                pendingUnderscore = true
            }
        }
        if out.first?.isNumber == true { out = "col_" + out }
        if out.hasPrefix("sqlite_") { out = "col_" + out }
        if out.count > maxLength { out = String(out.prefix(maxLength)) }
        while out.hasSuffix("_") { out.removeLast() }
        return out
    }
}
