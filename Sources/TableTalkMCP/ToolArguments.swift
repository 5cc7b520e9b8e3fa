import Foundation
import MCP

/// A tool call's `arguments`, read by name. A missing required argument or a value of the wrong type is a bad
/// request (JSON-RPC `-32602`), not a tool failure: the agent must fix the call, not the data.
struct ToolArguments: Sendable {
    let tool: String
    let values: [String: Value]

    init(tool: String, _ values: [String: Value]?) {
        self.tool = tool
        self.values = values ?? [:]
    }

    /// A required, non-blank string.
    func string(_ name: String) throws -> String {
        guard let s = try optionalString(name) else { throw Self.invalid("\(tool) needs \"\(name)\"") }
        return s
    }

    /// An optional string; blank counts as absent only for optional arguments that allow it.
    func optionalString(_ name: String) throws -> String? {
        guard let v = values[name], v != .null else { return nil }
        guard let s = v.stringValue else { throw Self.invalid("\"\(name)\" of \(tool) must be a string") }
        if s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw Self.invalid("\"\(name)\" of \(tool) must not be empty")
        }
        return s
    }

    /// An optional whole number within `range`.
    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let v = values[name], v != .null else { return nil }
        let n: Int?
        switch v {
        case .int(let i): n = i
        case .double(let d) where d == d.rounded() && abs(d) < 1e15: n = Int(d)
        default: n = nil
        }
        guard let n, range.contains(n) else {
            throw Self.invalid("\"\(name)\" of \(tool) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    /// An optional boolean.
    func bool(_ name: String) throws -> Bool? {
        guard let v = values[name], v != .null else { return nil }
        guard let b = v.boolValue else { throw Self.invalid("\"\(name)\" of \(tool) must be true or false") }
        return b
    }

    /// Arguments the tool does not declare are refused, so a typo ("tabel") is not silently ignored.
    func refuseUnknown(allowed: Set<String>) throws {
        let unknown = values.keys.filter { !allowed.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw Self.invalid("\(tool) has no argument \(unknown.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
    }

    static func invalid(_ message: String) -> MCPError { .invalidParams(message) }
}
