import Foundation
import TableTalkCore

/// "By which column?" answered: when the previous answer was a clarification that named one unknown word
/// ("revenue") and the reply is just a column's name or header ("amount"), the word becomes that column's name
/// for the table (kept by the ``ColumnAliasStore``) and the earlier question is asked again.
struct ClarificationReply: Sendable {
    /// The clarified question, its unknown words and the table it was read against (when the answer said).
    struct Pending: Sendable, Hashable {
        var question: String
        var words: [String]
        var table: String?
    }

    /// What was learned, and the question to answer now.
    struct Learned: Sendable, Hashable {
        var word: String
        var table: String
        var column: String
        var question: String
    }

    /// Stores the link and returns it; nil when the reply is not one column's name, the clarification did not
    /// name exactly one unknown word, or the store refuses the word (it already names another column).
    static func learn(
        reply: String, pending: Pending, tables: [TableInfo], store: any ColumnAliasStore, principal: Principal
    ) async -> Learned? {
        guard pending.words.count == 1, let word = pending.words.first else { return nil }
        let key = ColumnAliasRules.key(reply.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)))
        guard !key.isEmpty else { return nil }
        let candidates = tables.filter { t in pending.table.map { $0.lowercased() == t.name.lowercased() } ?? true }
        let hits = candidates.flatMap { t in
            t.columns.filter { ColumnAliasRules.key($0.name) == key || ColumnAliasRules.key($0.label) == key }.map { (t, $0) }
        }
        guard hits.count == 1, let (table, column) = hits.first else { return nil }
        guard (try? await store.addColumnAlias(word, table: table.name, column: column.name, for: principal)) != nil
        else { return nil }
        return Learned(word: word, table: table.name, column: column.name, question: pending.question)
    }
}
