public import Foundation
public import TableTalkProtocol

/// Splits a byte stream into JSON-RPC frames. The framing is detected from the first bytes: a
/// `Content-Length:` header means LSP-style framing, anything else (`{`, `[`) one message per line.
///
/// Bad frames (stray bytes, a header without a valid `Content-Length`, a length that runs into the next header,
/// oversized or truncated bodies) become ``Event/error(_:)`` and the reader resynchronises on the next
/// `Content-Length` header (or the next line), so one bad frame never ends the session. Work is linear in the
/// bytes pushed: consumed bytes are dropped in bulk and searches resume where the previous one stopped.
public struct FrameReader: Sendable {
    public enum Framing: Sendable, Equatable { case undetected, contentLength, newline }
    public enum Event: Sendable, Equatable {
        case frame(Data)
        case error(RPCError)
    }

    public private(set) var framing: Framing = .undetected
    public let maxFrameBytes: Int
    /// Unconsumed bytes are `buffer[head...]`.
    private var buffer: [UInt8] = []
    private var head = 0
    /// Where the next search for a line end (newline mode) or header end (Content-Length mode) resumes:
    /// everything from `head` up to here is known not to hold it.
    private var scanned = 0
    /// Bytes of an oversized frame still to skip.
    private var skipping = 0
    /// In newline mode: discarding the rest of an oversized line.
    private var discardingLine = false
    /// In Content-Length mode: skipping bytes after a bad frame until the next header.
    private var resyncing = false
    /// In Content-Length mode: the body bytes before this index hold no header line (see `headerInside`).
    private var bodyChecked = 0
    /// Longest header block accepted before the reader gives up on it and resynchronises.
    static let maxHeaderBytes = 8192

    public init(maxFrameBytes: Int = 16 << 20) { self.maxFrameBytes = maxFrameBytes }

    /// Adds bytes; returns the complete frames and errors found so far.
    public mutating func push(_ bytes: Data) -> [Event] {
        compact()
        buffer.append(contentsOf: bytes)
        var events: [Event] = []
        while let e = next() { events.append(e) }
        return events
    }

    /// End of input: a partial frame left over is reported as truncated.
    public mutating func finish() -> [Event] {
        var events: [Event] = []
        while let e = next() { events.append(e) }
        let rest = buffer[head...]
        if rest.contains(where: { !Self.isSpace($0) }) && skipping == 0 && !discardingLine && !resyncing {
            if framing == .newline {
                events.append(.frame(Data(rest)))
            } else {
                events.append(.error(.parseError("truncated frame at end of input (\(rest.count) bytes)")))
            }
        }
        buffer.removeAll()
        head = 0
        scanned = 0
        bodyChecked = 0
        return events
    }

    private var available: Int { buffer.count - head }

    /// Drops consumed bytes once they are the larger part of the buffer (amortised linear).
    private mutating func compact() {
        if head == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
            scanned = 0
            bodyChecked = 0
            head = 0
        } else if head > 1 << 16 && head * 2 > buffer.count {
            buffer.removeSubrange(0..<head)
            scanned -= head
            bodyChecked = max(0, bodyChecked - head)
            head = 0
        }
    }

    private mutating func consume(_ n: Int) {
        head += n
        scanned = max(scanned, head)
    }

    private mutating func next() -> Event? {
        if skipping > 0 {
            let n = min(skipping, available)
            consume(n)
            skipping -= n
            if skipping > 0 { return nil }
        }
        if framing == .undetected {
            guard let first = buffer[head...].first(where: { !Self.isSpace($0) }) else { return nil }
            framing = (first == UInt8(ascii: "C") || first == UInt8(ascii: "c")) ? .contentLength : .newline
        }
        return framing == .newline ? nextLine() : nextContentLength()
    }

    // MARK: - Newline framing

    private mutating func nextLine() -> Event? {
        while true {
            let from = max(scanned, head)
            guard let nl = find(0x0A, from: from) else {
                scanned = buffer.count
                if available > maxFrameBytes {
                    consume(available)
                    if !discardingLine {
                        discardingLine = true
                        return .error(RPCError(.frameTooLarge, "frame larger than \(maxFrameBytes) bytes refused"))
                    }
                }
                return nil
            }
            let start = head
            consume(nl + 1 - head)
            if discardingLine {
                discardingLine = false
                continue
            }
            if nl - start > maxFrameBytes {
                return .error(RPCError(.frameTooLarge, "frame larger than \(maxFrameBytes) bytes refused"))
            }
            if buffer[start..<nl].allSatisfy(Self.isSpace) { continue }
            return .frame(Data(buffer[start..<nl]))
        }
    }

    /// The index of the first `byte` at or after `from`, or nil.
    private func find(_ byte: UInt8, from: Int) -> Int? {
        guard from < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { p -> Int? in
            guard let hit = memchr(p.baseAddress! + from, Int32(byte), p.count - from) else { return nil }
            return p.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    // MARK: - Content-Length framing

    private mutating func nextContentLength() -> Event? {
        if resyncing {
            guard skipToMarker(from: head) else { return nil }
            resyncing = false
        }
        // Drop blank lines between frames.
        while head < buffer.count, Self.isSpace(buffer[head]) { consume(1) }
        guard available > 0 else { return nil }
        guard let headerEnd = findHeaderEnd() else {
            if available > Self.maxHeaderBytes {
                return resync("the frame header is too long or does not end with an empty line")
            }
            // Stray bytes before a header: report them as soon as it is clear they cannot start one.
            if !Self.startsLikeHeader(buffer[head...]) {
                return resync("stray bytes where a Content-Length header was expected")
            }
            return nil
        }
        guard let length = Self.contentLength(buffer[head..<headerEnd]) else {
            return resync("the frame header has no valid Content-Length")
        }
        let bodyStart = headerEnd + 4
        if length > maxFrameBytes {
            consume(bodyStart - head)
            skipping = length
            return .error(RPCError(.frameTooLarge, "frame of \(length) bytes refused (limit \(maxFrameBytes))"))
        }
        // A body never holds a raw `Content-Length: N` header line (JSON strings cannot hold raw line breaks,
        // and the words are not JSON outside one): when the declared length runs into one, it was wrong.
        let bodyEnd = min(bodyStart + length, buffer.count)
        if let next = headerInside(from: bodyStart, to: bodyEnd) {
            consume(next - head)
            return .error(.parseError("the frame is shorter than its Content-Length (\(length)); the next header starts inside it"))
        }
        guard buffer.count - bodyStart >= length else { return nil }
        let body = Data(buffer[bodyStart..<(bodyStart + length)])
        consume(bodyStart + length - head)
        return .frame(body)
    }

    /// The index of the `\r\n\r\n` ending the header block that starts at `head`, or nil (searching only bytes
    /// not searched before).
    private mutating func findHeaderEnd() -> Int? {
        var k = max(head, scanned - 3)
        while let cr = find(0x0D, from: k) {
            if cr + 3 >= buffer.count { scanned = cr; return nil }
            if buffer[cr + 1] == 0x0A && buffer[cr + 2] == 0x0D && buffer[cr + 3] == 0x0A { return cr }
            k = cr + 1
        }
        scanned = buffer.count
        return nil
    }

    /// Where a complete `Content-Length: N` header line begins inside the body `from..<to`, or nil. Only line
    /// ends (CR, found with `memchr`) are looked at, and each body byte once across pushes.
    private mutating func headerInside(from: Int, to: Int) -> Int? {
        var k = max(from, bodyChecked)
        while k < to, let cr = find(0x0D, from: k), cr < to {
            guard cr + 1 < buffer.count else { bodyChecked = cr; return nil }
            if buffer[cr + 1] == 0x0A {
                var start = cr - Self.marker.count
                while start >= max(from, cr - 64) {
                    if Self.lower(buffer[start]) == Self.marker[0], let n = Self.contentLength(buffer[start..<cr]), n >= 0 {
                        return start
                    }
                    start -= 1
                }
            }
            k = cr + 1
        }
        bodyChecked = max(bodyChecked, min(to, buffer.count))
        return nil
    }

    /// Reports a bad frame and starts skipping to the next `Content-Length` header; the bytes skipped on the way
    /// (however many pushes they span) belong to this one error.
    private mutating func resync(_ why: String) -> Event {
        consume(1)
        resyncing = !skipToMarker(from: head)
        return .error(.parseError(why))
    }

    /// Skips to the first `content-length` (any case) at or after `from`; without one, drops everything but a
    /// tail that may be the start of one. Returns whether a header start was reached.
    private mutating func skipToMarker(from: Int) -> Bool {
        if let at = Self.markerIndex(in: buffer, from: from) {
            consume(at - head)
            return true
        }
        var keep = min(Self.marker.count - 1, available)
        while keep > 0 && !Self.marker.starts(with: buffer[(buffer.count - keep)...].lazy.map(Self.lower)) { keep -= 1 }
        consume(available - keep)
        return false
    }

    static let marker = Array("content-length".utf8)

    /// The index of the first case-insensitive `content-length` at or after `from`, or nil.
    static func markerIndex(in bytes: [UInt8], from: Int) -> Int? {
        var k = from
        while k <= bytes.count - marker.count {
            if lower(bytes[k]) == marker[0] {
                var m = 1
                while m < marker.count && lower(bytes[k + m]) == marker[m] { m += 1 }
                if m == marker.count { return k }
            }
            k += 1
        }
        return nil
    }

    /// Whether a header block could begin with these bytes: a header name (letters, digits, `-`) then `:`.
    static func startsLikeHeader(_ bytes: ArraySlice<UInt8>) -> Bool {
        for (n, b) in bytes.enumerated() {
            if b == UInt8(ascii: ":") { return n > 0 }
            if !isTokenByte(b) { return false }
        }
        return true
    }

    /// The `Content-Length` of a header block (lines `Name: value` separated by CRLF), or nil when a line is
    /// not a header field or the length is missing or not a non-negative integer.
    static func contentLength(_ header: ArraySlice<UInt8>) -> Int? {
        var length: Int?
        var lineStart = header.startIndex
        while lineStart < header.endIndex {
            var lineEnd = lineStart
            while lineEnd < header.endIndex && !(header[lineEnd] == 0x0D && lineEnd + 1 < header.endIndex && header[lineEnd + 1] == 0x0A) {
                lineEnd += 1
            }
            let line = header[lineStart..<lineEnd]
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                line[line.startIndex..<colon].allSatisfy(isTokenByte)
            else { return nil }
            if line[line.startIndex..<colon].lazy.map(lower).elementsEqual(marker) {
                let digits = line[(colon + 1)...].drop(while: { $0 == 0x20 || $0 == 0x09 })
                let trimmed = digits.reversed().drop(while: { $0 == 0x20 || $0 == 0x09 }).reversed()
                guard !trimmed.isEmpty, trimmed.count <= 12, trimmed.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
                length = trimmed.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            }
            lineStart = lineEnd + 2
        }
        return length
    }

    static func isTokenByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "-")
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}
