import Foundation
import TableTalkCore

/// A REAL as people read it in `ask`'s text output: thousands grouped, no exponent, two decimals from 100 up,
/// four significant digits below ("173,812,345.67", "3.142", "0.0001234"); whole values without decimals.
/// `--format json` and `values` keep exact machine values.
enum ReadableNumber {
    static func text(_ d: Double) -> String {
        guard d.isFinite else { return d.isNaN ? "NaN" : (d < 0 ? "-∞" : "∞") }
        let magnitude = abs(d)
        let decimals: Int
        if magnitude >= 100 || magnitude == 0 {
            decimals = 2
        } else {
            // four significant digits: 12.35, 3.142, 0.1234, 0.0001234
            decimals = min(12, max(2, 3 - Int(floor(log10(magnitude)))))
        }
        var s = String(format: "%.\(decimals)f", magnitude)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        let parts = s.split(separator: ".", maxSplits: 1).map(String.init)
        var whole = parts[0]
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        grouped = whole + grouped
        let sign = d < 0 && s != "0" ? "-" : ""
        return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }
}

/// `ask --explain`: the question's parts and what each was read as, one per line.
enum UnderstoodTable {
    static func render(_ spans: [UnderstoodSpan]) -> String {
        guard !spans.isEmpty else { return "Understood: (nothing to show)\n" }
        let width = min(30, spans.map { $0.text.count + 2 }.max() ?? 0)
        let kindWidth = spans.map(\.kind.rawValue.count).max() ?? 0
        var out = "Understood:\n"
        for s in spans {
            let quoted = "“\(s.text)”"
            out += "  " + quoted.padding(toLength: max(width, quoted.count), withPad: " ", startingAt: 0) + "  "
                + s.kind.rawValue.padding(toLength: kindWidth, withPad: " ", startingAt: 0) + "  " + s.meaning + "\n"
        }
        return out
    }
}
