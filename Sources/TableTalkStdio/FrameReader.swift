public import Foundation
public import TableTalkProtocol

/// Splits a byte stream into JSON-RPC frames. The framing is detected from the first bytes: a
/// `Content-Length:` header means LSP-style framing, anything else (`{`, `[`) one message per line.
///
/// Bad frames (garbage headers, oversized or truncated bodies) become ``Event/error(_:)`` and the reader
/// resynchronises, so one bad frame never ends the session.
public struct FrameReader: Sendable {
    public enum Framing: Sendable, Equatable { case undetected, contentLength, newline }
    public enum Event: Sendable, Equatable {
        case frame(Data)
        case error(RPCError)
    }

    public private(set) var framing: Framing = .undetected
    public let maxFrameBytes: Int
    private var buffer = Data()
    /// Bytes of an oversized frame still to skip.
    private var skipping = 0
    /// In newline mode: discarding the rest of an oversized line.
    private var discardingLine = false

    public init(maxFrameBytes: Int = 16 << 20) { self.maxFrameBytes = maxFrameBytes }

    /// Adds bytes; returns the complete frames and errors found so far.
    public mutating func push(_ bytes: Data) -> [Event] {
        buffer.append(bytes)
        var events: [Event] = []
        while let e = next() { events.append(e) }
        return events
    }

    /// End of input: a partial frame left over is reported as truncated.
    public mutating func finish() -> [Event] {
        var events: [Event] = []
        while let e = next() { events.append(e) }
        let rest = buffer.filter { !Self.isSpace($0) }
        if !rest.isEmpty && skipping == 0 && !discardingLine {
            if framing == .newline {
                events.append(.frame(buffer))
            } else {
                events.append(.error(.parseError("truncated frame at end of input (\(buffer.count) bytes)")))
            }
        }
        buffer.removeAll()
        return events
    }

    private mutating func next() -> Event? {
        if skipping > 0 {
            let n = min(skipping, buffer.count)
            buffer.removeFirst(n)
            skipping -= n
            if skipping > 0 { return nil }
        }
        if framing == .undetected {
            guard let first = buffer.first(where: { !Self.isSpace($0) }) else { return nil }
            framing = (first == UInt8(ascii: "C") || first == UInt8(ascii: "c")) ? .contentLength : .newline
        }
        return framing == .newline ? nextLine() : nextContentLength()
    }

    private mutating func nextLine() -> Event? {
        guard let nl = buffer.firstIndex(of: 0x0A) else {
            if buffer.count > maxFrameBytes {
                buffer.removeAll()
                if !discardingLine {
                    discardingLine = true
                    return .error(RPCError(.frameTooLarge, "frame larger than \(maxFrameBytes) bytes refused"))
                }
            }
            return nil
        }
        let line = buffer[buffer.startIndex..<nl]
        buffer.removeSubrange(buffer.startIndex...nl)
        if discardingLine {
            discardingLine = false
            return next()
        }
        if line.count > maxFrameBytes {
            return .error(RPCError(.frameTooLarge, "frame larger than \(maxFrameBytes) bytes refused"))
        }
        if line.allSatisfy(Self.isSpace) { return next() }
        return .frame(Data(line))
    }

    private mutating func nextContentLength() -> Event? {
        // Drop blank lines between frames.
        while let f = buffer.first, Self.isSpace(f) { buffer.removeFirst() }
        guard let headerEnd = buffer.firstRange(of: Data("\r\n\r\n".utf8)) else {
            if buffer.count > 8192 {
                return resync("header too long or missing \\r\\n\\r\\n")
            }
            return nil
        }
        let header = String(decoding: buffer[buffer.startIndex..<headerEnd.lowerBound], as: UTF8.self)
        var length: Int?
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" {
                length = Int(parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        guard let length, length >= 0 else {
            buffer.removeSubrange(buffer.startIndex..<headerEnd.upperBound)
            return .error(.parseError("frame header without a valid Content-Length"))
        }
        if length > maxFrameBytes {
            buffer.removeSubrange(buffer.startIndex..<headerEnd.upperBound)
            skipping = length
            return .error(RPCError(.frameTooLarge, "frame of \(length) bytes refused (limit \(maxFrameBytes))"))
        }
        let bodyStart = headerEnd.upperBound
        guard buffer.count - (bodyStart - buffer.startIndex) >= length else { return nil }
        let body = Data(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeSubrange(buffer.startIndex..<(bodyStart + length))
        return .frame(body)
    }

    /// Skips to the next `Content-Length` header after garbage.
    private mutating func resync(_ why: String) -> Event {
        let marker = Data("Content-Length".utf8)
        if let r = buffer.dropFirst().firstRange(of: marker) {
            buffer.removeSubrange(buffer.startIndex..<r.lowerBound)
        } else {
            buffer.removeAll()
        }
        return .error(.parseError(why))
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}
