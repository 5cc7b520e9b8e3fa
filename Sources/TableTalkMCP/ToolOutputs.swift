import TableTalkProtocol

/// The structured results of the tools, shaped as `tools.json`'s output schemas say (absent optionals are omitted).
enum ToolOutput {
    /// A table as tools report it: its catalog entry plus the URI of its resource.
    struct Table: Encodable, Sendable {
        let description: TableDescription
        var uri: String { TableResources.uri(of: description.name) }

        func encode(to encoder: any Encoder) throws {
            try description.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(uri, forKey: .uri)
        }
        private enum Key: String, CodingKey { case uri }
    }

    struct ListTables: Encodable, Sendable {
        let tables: [Table]
    }

    struct Import: Encodable, Sendable {
        let table: Table
        let replaced: Bool
        let changedColumns: [String]
        let warnings: [String]
    }

    struct Column: Encodable, Sendable {
        let name: String
        let type: String?
    }

    struct Chart: Encodable, Sendable {
        let kind: String
        let x: String?
        let y: String?
    }

    /// `ask`: an answer, a clarification or an error (a question that could not run).
    struct Ask: Encodable, Sendable {
        enum Kind: String, Encodable, Sendable { case answer, clarification, error }
        let kind: Kind
        let sessionId: String
        let text: String
        let interpretation: String
        let sql: String?
        let columns: [Column]?
        let rows: [[JSONValue]]?
        let rowCount: Int?
        let truncated: Bool?
        let chart: Chart?
        let suggestions: [String]
        let alternatives: [String]
        let unknownWords: [String]?
    }

    struct RunSQL: Encodable, Sendable {
        let columns: [Column]
        let rows: [[JSONValue]]
        let rowCount: Int
        let truncated: Bool
        let nextPageToken: String?
        let elapsedMs: Double
    }

    struct Question: Encodable, Sendable {
        let question: String
        let askedAt: String
        let sessionId: String
        let answer: String?
    }

    struct Query: Encodable, Sendable {
        let sql: String
        let ok: Bool
        let rowCount: Int
        let elapsedMs: Double
        let createdAt: String
    }

    struct History: Encodable, Sendable {
        let questions: [Question]
        let queries: [Query]
    }

    /// What an `isError` result carries besides its text.
    struct Failure: Encodable, Sendable {
        struct Detail: Encodable, Sendable {
            let code: Int
            let message: String
        }
        let error: Detail
    }
}
