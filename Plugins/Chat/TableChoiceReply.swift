import Foundation
import TableTalkCore
import TableTalkProtocol

/// "Which table do you mean?" answered: a reply that only names a table ("sales_2024", "Sales 2024", "the
/// sales_2024 table") asks the clarified question again over that table alone.
enum TableChoiceReply {
    /// The table the reply names, or nil when the reply is more than a table name and a few framing words.
    static func table(in reply: String, among tables: [TableInfo]) -> TableInfo? {
        let words = Self.words(reply).filter { !framing.contains($0) }
        guard !words.isEmpty else { return nil }
        return tables.first { Self.words($0.name) == words }
    }

    /// Lower-case runs of letters and digits ("Sales_2023-2024" → sales, 2023, 2024).
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Words around a table name in a reply that do not change which table is meant.
    static let framing: Set<String> = ["the", "table", "one", "in", "from", "use", "please", "i", "mean", "meant", "data", "file", "csv"]
}

extension ConversationMemory {
    /// The question of the latest answer when that answer asked which table was meant (a clarification whose
    /// suggestions are the question over each table), else nil.
    func questionAwaitingTable() async throws -> String? {
        let recent = try await history.messages(sessionId: sessionId, before: nil, limit: 2, for: principal)
        guard recent.count == 2, recent[0].role == .user, recent[1].role == .assistant,
            let answer = recent[1].payload.flatMap(JSONValue.init(jsonText:)), answer["needsClarification"] == .bool(true),
            answer["sql"] == nil || answer["sql"] == .null,
            let suggestions = answer["suggestions"]?.arrayValue?.compactMap(\.stringValue), suggestions.count > 1
        else { return nil }
        let asked = recent[0].payload.flatMap(JSONValue.init(jsonText:))
        guard asked?["sql"] == nil || asked?["sql"] == .null else { return nil }
        let question = asked?["text"]?.stringValue ?? recent[0].text
        // the table clarification offers "<question> in <table>" for each table
        guard suggestions.allSatisfy({ $0.hasPrefix(Self.withoutClosingPunctuation(question) + " in ") }) else { return nil }
        return question
    }

    private static func withoutClosingPunctuation(_ text: String) -> String {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while let last = t.last, ".?!".contains(last) { t.removeLast() }
        return t.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
