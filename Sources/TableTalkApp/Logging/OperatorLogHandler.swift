public import Foundation
public import Logging
import Synchronization
import TableTalkCore

/// A swift-log handler writing one line per log call, in ``LogFormat`` (`--log-format`), to stderr or a sink.
/// Metadata values that are numbers stay numbers in JSON; every other value is a string.
public struct OperatorLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public let label: String
    public let format: LogFormat
    let write: @Sendable (String) -> Void

    /// - Parameter write: receives each line (with its newline); default: stderr.
    public init(label: String, format: LogFormat, level: Logger.Level = .info, write: (@Sendable (String) -> Void)? = nil) {
        self.label = label
        self.format = format
        self.logLevel = level
        self.write = write ?? Self.standardError
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        write(Self.line(level: event.level, label: label, message: "\(event.message)", metadata: all, format: format) + "\n")
    }

    /// One rendered line (no newline).
    public static func line(
        level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, format: LogFormat, date: Date = Date()
    ) -> String {
        let ts = date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        let keys = metadata.keys.sorted { ($0 == "event" ? "" : $0) < ($1 == "event" ? "" : $1) }
        switch format {
        case .json:
            var fields = [("ts", json(ts)), ("level", json(level.rawValue)), ("label", json(label)), ("message", json(message))]
            for k in keys { fields.append((k, jsonValue(metadata[k]!))) }
            return "{" + fields.map { "\(json($0.0)):\($0.1)" }.joined(separator: ",") + "}"
        case .plain:
            let pairs = keys.map { "\($0)=\(plain(text(metadata[$0]!)))" }
            return ([ts, level.rawValue, "\(label):", plain(message)] + pairs).joined(separator: " ")
        }
    }

    static func text(_ v: Logger.Metadata.Value) -> String {
        switch v {
        case .string(let s): s
        case .stringConvertible(let c): c.description
        case .array(let a): "[" + a.map(text).joined(separator: ",") + "]"
        case .dictionary(let d): "{" + d.keys.sorted().map { "\($0):\(text(d[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    static func jsonValue(_ v: Logger.Metadata.Value) -> String {
        switch v {
        case .string(let s): return json(s)
        case .stringConvertible(let c):
            if c is any BinaryInteger { return c.description }
            if let d = c as? Double, d.isFinite { return c.description }
            return json(c.description)
        case .array(let a): return "[" + a.map(jsonValue).joined(separator: ",") + "]"
        case .dictionary(let d): return "{" + d.keys.sorted().map { "\(json($0)):\(jsonValue(d[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal.
    static func json(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// A plain value: bare when it has no spaces, quotes, `=` or control characters; else a quoted JSON string.
    static func plain(_ s: String) -> String {
        let bare = !s.isEmpty && !s.unicodeScalars.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0.value < 0x20 }
        return bare ? s : json(s)
    }

    private static let lock = Mutex(())
    @Sendable static func standardError(_ line: String) {
        lock.withLock { _ in StandardError.write(line) }
    }
}
