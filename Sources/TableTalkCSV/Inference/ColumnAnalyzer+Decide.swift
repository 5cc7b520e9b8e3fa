import TableTalkCore

/// File-level hints for ambiguous columns (a `;`-delimited file suggests European numbers and dates).
package struct InferenceHints: Sendable, Hashable {
    package var europeanNumbers = false
    package var europeanDates = false
}

extension ColumnAnalyzer {
    /// The narrowest type that fits every value seen, how to decode it, and notes on what was assumed.
    package func decide(hints: InferenceHints = InferenceHints()) -> (decoder: ColumnDecoder, notes: [String]) {
        if nonNull == 0 { return (ColumnDecoder(.text), ["no values: every row is empty"]) }
        if bool { return (ColumnDecoder(.boolean), ["stored as 1 (true) and 0 (false)"]) }
        if numUS || numEU { return decideNumber(hints) }
        if timestamp { return decideDate(hints) }
        return (ColumnDecoder(.text), [])
    }

    private func decideNumber(_ hints: InferenceHints) -> (decoder: ColumnDecoder, notes: [String]) {
        let style: NumberStyle
        var notes: [String] = []
        if numUS && numEU {
            style = hints.europeanNumbers ? .european : .us
            if ambiguousSeparator {
                notes.append(
                    style == .us
                        ? "ambiguous separators: read as 1,234.5 (US); could be 1.234,5 (European)"
                        : "ambiguous separators: read as 1.234,5 (European); could be 1,234.5 (US)")
            }
        } else {
            style = numUS ? .us : .european
            if style == .european { notes.append("numbers written with a decimal comma (1.234,5)") }
        }
        if leadingZero { return (ColumnDecoder(.text), ["leading zeros (codes such as 007): kept as text"]) }
        let isInteger = style == .us ? intUS : intEU
        if isInteger && overflow {
            return (ColumnDecoder(.text), ["integers too large for 64 bits: kept as text to stay exact"])
        }
        if grouped { notes.append("thousands separators removed") }
        if currency { notes.append("currency signs removed") }
        if percent { notes.append("percent signs removed: values are percentages (12.5% is stored as 12.5)") }
        return (ColumnDecoder(isInteger ? .integer : .real, style: style), notes)
    }

    private func decideDate(_ hints: InferenceHints) -> (decoder: ColumnDecoder, notes: [String]) {
        var notes: [String] = []
        var order = DateOrder.ymd
        if numericDates {
            if mdy && dmy {
                order = dotSeparatedDates || hints.europeanDates ? .dmy : .mdy
                notes.append(
                    order == .mdy
                        ? "ambiguous dates: every value reads as month/day or day/month; read as month/day/year (US)"
                        : "ambiguous dates: every value reads as day/month or month/day; read as day/month/year")
            } else {
                order = mdy ? .mdy : .dmy
                notes.append(order == .mdy ? "dates read as month/day/year (US)" : "dates read as day/month/year")
            }
        }
        if twoDigitYear { notes.append("two-digit years read as 1970–2069") }
        if offsets { notes.append("times with an offset converted to UTC") }
        return (ColumnDecoder(date ? .date : .timestamp, order: order), notes)
    }
}
