/// Who is asking: every table, upload and chat session belongs to one principal, and capabilities use
/// it for isolation. stdio sessions run as ``local``; WebSocket sessions as the owner of their token.
public struct Principal: Hashable, Sendable, Codable, CustomStringConvertible {
    public var id: String
    public init(_ id: String) { self.id = id }
    public static let local = Principal("local")
    public var description: String { id }

    /// A file-system-safe form of the id (letters, digits, `-`, `_`), for per-user directories.
    public var directoryName: String {
        let safe = id.unicodeScalars.map { CharacterSet.isSafe($0) ? String($0) : "_" }.joined()
        return safe.isEmpty ? "_" : safe
    }
}

private enum CharacterSet {
    static func isSafe(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "-" || s == "_"
    }
}
