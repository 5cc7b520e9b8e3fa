/// `history.setPreferences {values}`: merges `values` into the caller's preferences and returns them all.
/// Known keys are validated (`invalidParams` names the key); an empty string removes a key.
public struct HistorySetPreferencesRequest: RPCRequest, Hashable {
    public static let method = "history.setPreferences"
    public typealias Response = HistoryPreferences
    public var values: [String: String]
    public init(values: [String: String]) { self.values = values }
}
