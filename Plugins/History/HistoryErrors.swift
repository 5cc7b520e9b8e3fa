import TableTalkCore

/// The errors the history capability raises itself.
enum HistoryErrors {
    static func invalid(_ message: String) -> TableTalkError { TableTalkError(.invalidArgument, message) }

    static func sessionNotFound(_ id: String) -> TableTalkError {
        TableTalkError(.sessionNotFound, "No chat session \"\(id)\" for this user.", details: ["sessionId": id])
    }
}
