extension CSVReader {
    package enum Outcome {
        case record(next: Int, lines: Int)
        case blank(next: Int, lines: Int)
        case incomplete
    }

    @inline(__always)
    private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c == 0x09 && delimiter != 0x09) }

    /// Scans one record starting at `pos`. Returns `.incomplete` when the buffer ends first (and the input
    /// does not), so the caller can refill and rescan.
    package func parse(atEOF: Bool) throws -> Outcome {
        let b = buf
        let e = end
        let d = delimiter
        let maxField = limits.maxFieldBytes
        let maxColumns = limits.maxColumns
        var p = pos
        var nf = 0
        var lines = 0
        anyEscaped = false
        while true {
            if nf == maxColumns { throw TableTalkErrorFactory.tooManyColumns(line: nextLine, limit: maxColumns) }
            var q = p
            while q < e && isSpace(b[q]) { q += 1 }
            if q < e && b[q] == 0x22 {
                let open = q
                let openLine = nextLine + lines
                q += 1
                let contentStart = q
                var esc = false
                scan: while true {
                    while q < e && quoted[Int(b[q])] == 0 { q += 1 }
                    if q >= e {
                        if atEOF { throw TableTalkErrorFactory.unclosedQuote(line: openLine) }
                        if q - contentStart > maxField { try classifyOverlongQuote(openLine: openLine, from: q) }
                        return .incomplete
                    }
                    switch b[q] {
                    case 0x22:
                        if q + 1 < e {
                            if b[q + 1] == 0x22 {
                                esc = true
                                q += 2
                                continue scan
                            }
                            q += 1
                            break scan
                        }
                        if atEOF {
                            q += 1
                            break scan
                        }
                        return .incomplete
                    case 0x5C:
                        if q + 1 < e {
                            let n = b[q + 1]
                            if n == 0x22 || n == 0x5C {
                                esc = true
                                q += 2
                            } else {
                                q += 1
                            }
                        } else if atEOF {
                            q += 1
                        } else {
                            return .incomplete
                        }
                    case 0x0A:
                        lines += 1
                        q += 1
                    case 0x0D:
                        if q + 1 < e {
                            if b[q + 1] != 0x0A { lines += 1 }
                            q += 1
                        } else if atEOF {
                            lines += 1
                            q += 1
                        } else {
                            return .incomplete
                        }
                    default:
                        throw TableTalkErrorFactory.notCSV("it contains NUL bytes (binary data)", line: nextLine + lines)
                    }
                }
                var contentEnd = q - 1
                var r = q
                while r < e && isSpace(b[r]) { r += 1 }
                if r < e {
                    let c = b[r]
                    if c != d && c != 0x0A && c != 0x0D {
                        // Text after the closing quote: keep it literally (lenient), unescaping the whole span.
                        esc = true
                        while r < e && plain[Int(b[r])] == 0 { r += 1 }
                        if r >= e && !atEOF { return .incomplete }
                        if r < e && b[r] == 0 {
                            throw TableTalkErrorFactory.notCSV("it contains NUL bytes (binary data)", line: nextLine + lines)
                        }
                        contentEnd = r
                    }
                } else if !atEOF {
                    return .incomplete
                }
                if esc {
                    starts[nf] = open
                    lens[nf] = contentEnd - open
                    anyEscaped = true
                } else {
                    starts[nf] = contentStart
                    lens[nf] = contentEnd - contentStart
                }
                escaped[nf] = esc
                if contentEnd - contentStart > maxField {
                    throw TableTalkErrorFactory.fieldTooLarge(line: openLine, limit: maxField)
                }
                p = r
            } else {
                var s = p
                while p < e && plain[Int(b[p])] == 0 { p += 1 }
                if p >= e && !atEOF {
                    if p - s > maxField { throw TableTalkErrorFactory.fieldTooLarge(line: nextLine + lines, limit: maxField) }
                    return .incomplete
                }
                if p < e && b[p] == 0 {
                    throw TableTalkErrorFactory.notCSV("it contains NUL bytes (binary data)", line: nextLine + lines)
                }
                var fe = p
                while fe > s && isSpace(b[fe - 1]) { fe -= 1 }
                while s < fe && isSpace(b[s]) { s += 1 }
                if fe - s > maxField { throw TableTalkErrorFactory.fieldTooLarge(line: nextLine + lines, limit: maxField) }
                starts[nf] = s
                lens[nf] = fe - s
                escaped[nf] = false
            }
            nf += 1
            if p >= e {
                fieldCount = nf
                return isBlank(nf) ? .blank(next: p, lines: lines) : .record(next: p, lines: lines)
            }
            let c = b[p]
            if c == d {
                p += 1
                continue
            }
            if c == 0x0D {
                if p + 1 < e {
                    p += b[p + 1] == 0x0A ? 2 : 1
                } else if atEOF {
                    p += 1
                } else {
                    return .incomplete
                }
            } else {
                p += 1
            }
            lines += 1
            fieldCount = nf
            return isBlank(nf) ? .blank(next: p, lines: lines) : .record(next: p, lines: lines)
        }
    }

    @inline(__always)
    private func isBlank(_ nf: Int) -> Bool { nf == 1 && lens[0] == 0 && !escaped[0] && !(starts[0] < end && buf[starts[0]] == 0x22) }

    /// Rewrites escaped fields in place: strips the quotes, turns `""` (and `\"`, `\\`) into one character.
    package func unescapeFields() {
        for i in 0..<fieldCount where escaped[i] {
            let s = starts[i]
            let n = lens[i]
            var r = s
            var w = s
            var inQuotes = false
            if n > 0 && buf[r] == 0x22 {
                inQuotes = true
                r += 1
            }
            let e = s + n
            while r < e {
                let c = buf[r]
                if inQuotes && c == 0x22 {
                    if r + 1 < e && buf[r + 1] == 0x22 {
                        buf[w] = 0x22
                        w += 1
                        r += 2
                    } else {
                        inQuotes = false
                        r += 1
                    }
                } else if inQuotes && backslashEscapes && c == 0x5C && r + 1 < e
                    && (buf[r + 1] == 0x22 || buf[r + 1] == 0x5C)
                {
                    buf[w] = buf[r + 1]
                    w += 1
                    r += 2
                } else {
                    buf[w] = c
                    w += 1
                    r += 1
                }
            }
            while w > s && !inQuotes && (buf[w - 1] == 0x20) { w -= 1 }
            lens[i] = w - s
            escaped[i] = false
        }
        anyEscaped = false
    }

    /// A quoted field has grown past the field limit: scan ahead (discarding data) to tell a huge field
    /// (`csvFieldTooLarge`) from a quote that is never closed (`csvUnclosedQuote`). Always throws.
    package func classifyOverlongQuote(openLine: Int, from start: Int) throws {
        var i = start
        var afterQuote = false
        while true {
            while i < end {
                let c = buf[i]
                if afterQuote {
                    if c != 0x22 { throw TableTalkErrorFactory.fieldTooLarge(line: openLine, limit: limits.maxFieldBytes) }
                    afterQuote = false
                } else if c == 0x22 {
                    afterQuote = true
                } else if c == 0x5C && backslashEscapes {
                    i += 1
                }
                i += 1
            }
            if sourceDone { break }
            let n = try source.read(into: buf, capacity: cap)
            if n == 0 { sourceDone = true }
            i -= end
            end = n
            pos = 0
        }
        if afterQuote { throw TableTalkErrorFactory.fieldTooLarge(line: openLine, limit: limits.maxFieldBytes) }
        throw TableTalkErrorFactory.unclosedQuote(line: openLine)
    }
}
