import Foundation
import TableTalkCore

/// Checks `history.setPreferences` values: sizes of keys and values, and the known keys' formats.
/// Known keys are normalised (`chart`: `on`/`off`; `defaultRowLimit`: a plain integer). An empty value removes a key.
struct PreferenceValidator: Sendable {
    let limits: HistoryLimits

    func validate(_ values: [String: String]) throws -> [String: String] {
        guard values.count <= limits.maxPreferenceKeys else {
            throw HistoryErrors.invalid("at most \(limits.maxPreferenceKeys) preferences can be set at once")
        }
        var out: [String: String] = [:]
        for (key, raw) in values {
            guard !key.isEmpty, key.count <= limits.maxPreferenceKeyLength else {
                throw HistoryErrors.invalid("preference keys must have 1 to \(limits.maxPreferenceKeyLength) characters")
            }
            guard raw.count <= limits.maxPreferenceValueLength else {
                throw HistoryErrors.invalid("the value of \"\(key)\" is longer than \(limits.maxPreferenceValueLength) characters")
            }
            let value = raw.trimmingCharacters(in: .whitespaces)
            out[key] = value.isEmpty ? "" : try normalise(key: key, value: value)
        }
        return out
    }

    /// Throws when merging `values` (an empty value removes its key) into the principal's `existing` preferences
    /// would leave more than ``HistoryLimits/maxPreferenceKeys`` keys: the limit is per user, not per call.
    func checkCount(merging values: [String: String], into existing: [String: String]) throws {
        var keys = Set(existing.keys)
        for (key, value) in values {
            if value.isEmpty { keys.remove(key) } else { keys.insert(key) }
        }
        guard keys.count <= limits.maxPreferenceKeys else {
            throw HistoryErrors.invalid(
                "at most \(limits.maxPreferenceKeys) preferences can be kept; this would make \(keys.count) "
                    + "(send an empty value to remove one)")
        }
    }

    private func normalise(key: String, value: String) throws -> String {
        switch key {
        case "defaultRowLimit":
            guard let n = Int(value), (1...limits.maxRowLimit).contains(n) else {
                throw HistoryErrors.invalid("defaultRowLimit must be a whole number from 1 to \(limits.maxRowLimit), not \"\(value)\"")
            }
            return String(n)
        case "chart":
            switch value.lowercased() {
            case "on", "true", "yes", "1": return "on"
            case "off", "false", "no", "0": return "off"
            default: throw HistoryErrors.invalid("chart must be \"on\" or \"off\", not \"\(value)\"")
            }
        default:
            return value
        }
    }
}
