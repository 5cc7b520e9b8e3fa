/// How log lines are written: `plain` (`<ts> <level> <label>: <message> key=value …`) or `json` (one object per
/// line: `ts`, `level`, `label`, `message`, then the metadata keys).
public enum LogFormat: String, Sendable, CaseIterable {
    case plain, json
}
