import Testing
import TableTalkCore
import TableTalkRules

/// Honesty and bad input: the translator asks instead of guessing, never writes, never crashes.
@Suite struct ClarificationTests {
    let translator = RulesTranslator()
    let staff = FixtureCatalog.tables(["staff"])

    func ask(_ q: String, _ tables: [TableInfo]? = nil) -> Translation {
        translator.translateNow(q, context: TranslationContext(tables: tables ?? staff))
    }

    @Test(arguments: [
        "", "   ", "\n\t", "🤔🤔🤔", "¿Cuántos empleados hay en Berlín?", "Wie viele Mitarbeiter gibt es?", "每个部门的平均工资是多少",
        "'; DROP TABLE staff; --", "salary of Robert'); DROP TABLE staff;--", "delete all rows", "DELETE FROM staff",
        "please update the salaries of Berlin staff", "remove employees in London", "insert a row for Bob",
        "truncate the table", "what is the average bonus by team?", "how many unicorns live in Atlantis?", "blah blah blah",
        "average salary of engineers in Tokyo", "which team scored more goals?",
    ])
    func answersWithAClarification(_ q: String) {
        let t = ask(q)
        #expect(t.needsClarification)
        #expect(t.sql == nil)
        #expect(!t.interpretation.isEmpty)
        #expect(!t.suggestions.isEmpty)
    }

    @Test func writeRequestsSayThatNothingIsChanged() {
        for q in ["delete all rows", "'; DROP TABLE x; --", "update the salaries"] {
            #expect(ask(q).interpretation.contains("only reads"))
        }
    }

    @Test func aHundredKilobyteQuestionIsRefusedQuickly() {
        let q = String(repeating: "average salary by department ", count: 3600)  // ~100 KB
        _ = ask("average salary by department")  // the word lists load once, before the clock runs
        let clock = ContinuousClock()
        var t: Translation?
        let elapsed = clock.measure { t = ask(q) }
        #expect(t?.needsClarification == true)
        #expect(t?.interpretation.contains("too long") == true)
        #expect(elapsed < .milliseconds(50))
    }

    @Test func noTablesMeansLoadAFileFirst() {
        let t = ask("average salary", [])
        #expect(t.needsClarification)
        #expect(t.interpretation.contains("no tables"))
    }

    @Test func suggestionsAreBuiltFromTheSchema() {
        let t = ask("blah blah blah")
        #expect(t.suggestions.contains("What is the total salary by department?"))
        #expect(t.suggestions.allSatisfy { $0.hasSuffix("?") })
    }

    @Test func unknownWordsAreNamedInTheAnswer() {
        let t = ask("average salary of engineers in Tokyo")
        #expect(t.interpretation.contains("tokyo"))
        #expect(t.interpretation.contains("I understood: Average salary, where department is Engineering"))
    }

    @Test func injectedQuotesInValuesBecomeEscapedLiterals() {
        // a stored value with a quote, asked for by name: the literal doubles the quote
        var info = FixtureCatalog.tables["staff"]!
        info.columns[3].distinctValues = ["Berlin", "O'Hare", "London"]
        let t = translator.translateNow("how many employees work in O'Hare?", context: TranslationContext(tables: [info]))
        #expect(t.sql == #"SELECT count(*) AS "count" FROM "staff" WHERE "office" = 'O''Hare'"#)
    }

    @Test func twoEquallyGoodTablesAreAQuestion() {
        let t = ask("how many rows are there?", FixtureCatalog.tables(["staff", "students"]))
        #expect(t.needsClarification)
        #expect(t.interpretation.contains("Which table"))
    }

    @Test func anAmbiguousColumnIsAnsweredWithTheOtherReadingOffered() {
        let t = ask("orders with more than 10 units", FixtureCatalog.tables(["sales"]))
        #expect(!t.needsClarification)
        #expect(t.alternatives.contains { $0.contains("could also be") })
    }

    @Test func randomTextNeverCrashes() {
        var rng = SystemRandomNumberGenerator()
        let words = ["how", "many", "the", "of", "by", "top", "3", "\"", "'", "salary", "Berlin", "not", "after", "before",
                     "first", "last", "most", "than", "or", "and", "2023", "March", "per", "%", "#", "—", "🤔", "×", "between"]
        for _ in 0..<500 {
            let n = Int.random(in: 0...12, using: &rng)
            let q = (0..<n).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
            let t = ask(q, FixtureCatalog.tables(["staff", "medals"]))
            #expect(t.sql != nil || t.needsClarification, "\(q)")
        }
    }
}
