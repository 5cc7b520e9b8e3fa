import TableTalkCore
import TableTalkProtocol

/// Reads what a session already said, from history (so follow-ups survive restarts).
struct ConversationMemory: Sendable {
    let history: any HistoryStore
    let principal: Principal
    let sessionId: String
    /// How many recent messages to look through for the previous plan.
    var window = 40

    /// The plan of the latest answer that ran SQL; nil when that answer was raw SQL or there is none.
    /// Clarifications are skipped, so "what about Canada?" still refers to the last real answer.
    func previousPlan() async throws -> QueryPlan? {
        let recent = try await history.messages(sessionId: sessionId, before: nil, limit: window, for: principal)
        for message in recent.reversed() where message.role == .assistant {
            guard let payload = message.payload.flatMap(JSONValue.init(jsonText:)),
                case .string = payload["sql"]
            else { continue }
            guard let plan = payload["plan"], plan != .null else { return nil }
            return try? plan.decode(as: QueryPlan.self)
        }
        return nil
    }

    /// The session's earlier questions with each answer's restatement and SQL, oldest first (never result rows);
    /// raw SQL and failed answers are left out.
    func conversation(limit: Int = 6) async throws -> [ConversationTurn] {
        let recent = try await history.messages(sessionId: sessionId, before: nil, limit: window, for: principal)
        var turns: [ConversationTurn] = []
        var question: String?
        for message in recent {
            if message.role == .user {
                let asked = message.payload.flatMap(JSONValue.init(jsonText:))
                question = asked?["sql"] == nil ? (asked?["text"]?.stringValue ?? message.text) : nil
                continue
            }
            guard message.role == .assistant, let q = question,
                let answer = message.payload.flatMap(JSONValue.init(jsonText:)), answer["error"] == nil
            else { continue }
            turns.append(
                ConversationTurn(
                    question: q, interpretation: answer["interpretation"]?.stringValue ?? "",
                    sql: answer["sql"]?.stringValue))
            question = nil
        }
        return Array(turns.suffix(limit))
    }

    /// The latest answer when it was a clarification naming unknown words, with the question it answered.
    func pendingClarification() async throws -> ClarificationReply.Pending? {
        let recent = try await history.messages(sessionId: sessionId, before: nil, limit: 2, for: principal)
        guard recent.count == 2, recent[0].role == .user, recent[1].role == .assistant,
            let answer = recent[1].payload.flatMap(JSONValue.init(jsonText:)), answer["needsClarification"] == .bool(true),
            let words = answer["unknownWords"]?.arrayValue?.compactMap(\.stringValue), !words.isEmpty
        else { return nil }
        let asked = recent[0].payload.flatMap(JSONValue.init(jsonText:))
        guard asked?["sql"] == nil else { return nil }
        let question = asked?["text"]?.stringValue ?? recent[0].text
        return ClarificationReply.Pending(question: question, words: words, table: answer["plan"]?["table"]?.stringValue)
    }
}
