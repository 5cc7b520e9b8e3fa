import Foundation
import TableTalkCore
import TableTalkProtocol

/// A validated `chat.send`: a question to translate or raw SQL to run, and the text stored as the user message.
struct ChatInput: Sendable {
    enum Kind: Sendable, Equatable {
        case question(String)
        case sql(String)
    }

    let kind: Kind
    /// What the user message shows in history.
    let label: String
    /// The caller asked for the language model (`translator: "llm"`).
    var prefersModel = false
    /// The caller wants the prompt sent to the model back (`includePrompt: true`).
    var includePrompt = false

    /// Checks emptiness and size; throws `emptyQuestion` or `questionTooLong` with a message a person can act on.
    init(_ request: ChatSendRequest, limits: ChatLimits) throws {
        let text = request.text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let sql = request.sql?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !sql.isEmpty {
            try Self.checkSize(sql, limit: limits.maxSQLBytes, what: "SQL statement")
            if !text.isEmpty { try Self.checkSize(text, limit: limits.maxQuestionBytes, what: "question") }
            kind = .sql(sql)
            label = text.isEmpty ? sql : text
        } else if !text.isEmpty {
            try Self.checkSize(text, limit: limits.maxQuestionBytes, what: "question")
            kind = .question(text)
            label = text
        } else {
            throw TableTalkError(.emptyQuestion, "The question is empty: send a question in \"text\" or a SQL statement in \"sql\".")
        }
        switch request.translator {
        case nil, "auto": break
        case "llm": prefersModel = true
        case let other?:
            throw TableTalkError(.invalidArgument, "translator must be \"auto\" or \"llm\", not \"\(other)\"")
        }
        includePrompt = request.includePrompt ?? false
    }

    private static func checkSize(_ s: String, limit: Int, what: String) throws {
        let bytes = s.utf8.count
        guard bytes <= limit else {
            throw TableTalkError(
                .questionTooLong,
                "The \(what) is \(Self.kb(bytes)) long; the limit is \(Self.kb(limit)). Shorten it or ask in several steps.",
                details: ["bytes": String(bytes), "limitBytes": String(limit)])
        }
    }

    private static func kb(_ bytes: Int) -> String {
        bytes < 1024 ? "\(bytes) bytes" : "\((bytes + 1023) / 1024) KB"
    }

    /// The user message's payload: `{"text": …}` or `{"text": …, "sql": …}`.
    var payload: String {
        var object: [String: JSONValue] = ["text": .string(label)]
        if case .sql(let sql) = kind { object["sql"] = .string(sql) }
        return JSONValue.object(object).jsonText
    }
}

extension JSONValue {
    /// Compact JSON text with sorted keys (payloads stored in history).
    var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses JSON text; nil when it is not JSON.
    init?(jsonText: String) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(jsonText.utf8)) else { return nil }
        self = value
    }
}
