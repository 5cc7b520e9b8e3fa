/// `history.getPreferences`: the caller's preferences as string pairs (e.g. `defaultRowLimit`, `chart`).
public struct HistoryGetPreferencesRequest: RPCRequest, Hashable {
    public static let method = "history.getPreferences"
    public typealias Response = HistoryPreferences
    public init() {}
}

/// Preferences of one principal. Known keys: `defaultRowLimit` (1…10000, rows per answer) and `chart`
/// (`on` or `off`: whether answers suggest charts). Clients may keep other keys of their own.
public struct HistoryPreferences: Codable, Sendable, Hashable {
    public var values: [String: String]
    public init(values: [String: String]) { self.values = values }
}
