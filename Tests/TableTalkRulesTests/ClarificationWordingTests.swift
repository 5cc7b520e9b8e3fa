import Foundation
import Testing
import TableTalkCore
@testable import TableTalkRules

/// Clarification messages are sentences: one closing mark each, no "..", "?." or a period after a question.
@Suite struct ClarificationWordingTests {
    static let unclear = [
        "what is the meaning of life", "revenue higher than", "total revenue of unicorns flying", "orders not",
        "which region is better?", "show me the thing.", "how many", "total revenue by region..",
    ]

    @Test(arguments: unclear)
    func clarificationsHaveNoPunctuationSlips(_ question: String) async throws {
        let ws = try await SQLiteWorkspace.make(["orders.csv"])
        defer { ws.remove() }
        let (t, _) = try await ws.ask(question)
        let text = t.interpretation
        for slip in ["..", "?.", "!.", ".?", ". .", ",.", ":."] { #expect(!text.contains(slip), "“\(question)” → \(text)") }
        if t.needsClarification { #expect(text.hasSuffix(".") || text.hasSuffix("?"), "“\(question)” → \(text)") }
    }

    @Test func theJoinerEndsEachSentenceOnce() {
        #expect(Wording.sentences(["I'm not sure: “than” — compared with what?", "I understood: Total revenue"]) == "I'm not sure: “than” — compared with what? I understood: Total revenue.")
        #expect(Wording.sentences(["Ends here.", " ", "Too many..", "Quoted “x”"]) == "Ends here. Too many. Quoted “x”.")
        #expect(Wording.withoutClosingPunctuation("total revenue by region?! ") == "total revenue by region")
        #expect(Wording.orList(["a", "b", "c"]) == "a, b or c")
    }
}
