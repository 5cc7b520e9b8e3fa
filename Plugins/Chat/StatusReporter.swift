import TableTalkBroker
import TableTalkProtocol

/// Sends one answer's `chat.status` and `chat.typing` notifications to the asking connection, in order.
struct StatusReporter: Sendable {
    let context: RequestContext
    let sessionId: String
    /// The id the answer will carry.
    let messageId: String

    func thinking() async {
        await context.notify(ChatTypingNotification(sessionId: sessionId, typing: true))
        await status(.thinking, "Reading the question")
    }

    func querying() async { await status(.querying, "Running the query") }

    func finished(_ answer: ChatAnswer) async {
        if answer.error != nil {
            await status(.error, answer.text)
        } else {
            await status(.done, answer.needsClarification == true ? "Needs clarification" : nil)
        }
        await context.notify(ChatTypingNotification(sessionId: sessionId, typing: false))
    }

    func failed(_ text: String) async {
        await status(.error, text)
        await context.notify(ChatTypingNotification(sessionId: sessionId, typing: false))
    }

    private func status(_ state: ChatStatusNotification.State, _ text: String?) async {
        await context.notify(ChatStatusNotification(sessionId: sessionId, messageId: messageId, state: state, text: text))
    }
}
