import Foundation
import Testing
import TableTalkCore
import TableTalkRules

/// A conversation: each step is translated with the previous step's plan as context.
struct FollowUpSequence: Decodable, Sendable, CustomTestStringConvertible {
    struct Step: Decodable, Sendable {
        var q: String
        var sql: String
        var interpretation: String
    }
    var tables: [String]
    var steps: [Step]
    var testDescription: String { steps.map(\.q).joined(separator: " → ") }
}

/// Follow-ups edit the previous plan: "only for 2023", "by month instead", "what about Canada?", "top 10",
/// "sort ascending", "as a percentage".
@Suite struct FollowUpTests {
    struct File: Decodable { var sequences: [FollowUpSequence] }
    static let sequences: [FollowUpSequence] = {
        let data = try! Data(contentsOf: FixtureCatalog.url("followups.json"))
        return try! JSONDecoder().decode(File.self, from: data).sequences
    }()

    @Test(arguments: sequences)
    func eachStepEditsThePreviousPlan(_ seq: FollowUpSequence) {
        let translator = RulesTranslator()
        var previous: QueryPlan?
        for step in seq.steps {
            let t = translator.translateNow(step.q, context: TranslationContext(tables: FixtureCatalog.tables(seq.tables), previousPlan: previous))
            #expect(t.sql == step.sql, "step “\(step.q)”")
            #expect(t.interpretation == step.interpretation, "step “\(step.q)”")
            previous = t.plan
        }
    }

    @Test func aNewQuestionIsNotTakenAsAFollowUp() {
        let translator = RulesTranslator()
        let tables = FixtureCatalog.tables(["staff"])
        let first = translator.translateNow("average salary by department", context: TranslationContext(tables: tables))
        let second = translator.translateNow("how many employees are in Berlin?", context: TranslationContext(tables: tables, previousPlan: first.plan))
        #expect(second.sql == #"SELECT count(*) AS "count" FROM "staff" WHERE "office" = 'Berlin'"#)
    }

    @Test func aFollowUpWithoutAPreviousPlanIsAnsweredOrClarifiedOnItsOwn() {
        let t = RulesTranslator().translateNow("only for 2023", context: TranslationContext(tables: FixtureCatalog.tables(["sales"])))
        #expect(t.needsClarification || t.sql != nil)
    }
}
