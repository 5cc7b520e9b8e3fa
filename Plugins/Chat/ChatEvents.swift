import TableTalkBroker
import TableTalkCore
import TableTalkProtocol

/// The chat namespace's domain event `chat.answered`: the question, how it was understood and the SQL, with the
/// row count but never the result rows (subscribers outside the gateway should not receive the user's data).
enum ChatEvents {
    struct Answered: Encodable, Sendable {
        let sessionId: String
        let messageId: String
        let question: String?
        let interpretation: String
        let sql: String?
        let rowCount: Int?
        let needsClarification: Bool
        let error: String?
    }

    /// Publishes `chat.answered` for `answer` and returns it.
    static func answered(_ answer: ChatAnswer, _ request: ChatSendRequest, _ ctx: RequestContext) -> ChatAnswer {
        ctx.events.publish(
            "chat.answered", principal: ctx.principal,
            data: Answered(
                sessionId: answer.sessionId, messageId: answer.messageId, question: request.text ?? request.sql,
                interpretation: answer.interpretation, sql: answer.sql, rowCount: answer.result?.rowCount,
                needsClarification: answer.needsClarification ?? false, error: answer.error?.kind))
        return answer
    }
}
