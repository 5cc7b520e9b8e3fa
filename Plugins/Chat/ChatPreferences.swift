import Foundation
import TableTalkCore

/// The principal's preferences that shape answers: rows per answer (`defaultRowLimit`) and charts (`chart`).
struct ChatPreferences: Sendable {
    var maxRows: Int
    var charts: Bool

    /// Reads them from history; a missing or unreadable store means the defaults.
    static func load(_ history: any HistoryStore, principal: Principal, limits: ChatLimits) async -> ChatPreferences {
        let values = (try? await history.preferences(for: principal)) ?? [:]
        var maxRows = limits.defaultMaxRows
        if let raw = values["defaultRowLimit"], let n = Int(raw.trimmingCharacters(in: .whitespaces)), n > 0 {
            maxRows = min(n, limits.hardMaxRows)
        }
        let chart = values["chart"]?.lowercased()
        return ChatPreferences(maxRows: maxRows, charts: !(chart == "off" || chart == "false" || chart == "no"))
    }
}
