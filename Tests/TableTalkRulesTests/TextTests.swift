import Testing
import TableTalkCore
@testable import TableTalkRules

/// Tokenizing, numbers as words, ordinals, stemming and folding.
@Suite struct TextTests {
    @Test func numbersInWordsAndDigits() {
        let t = Tokenizer.tokenize("top twenty-one, 1,200 rows, 4th place, 90% and 2.5 and a dozen, the 1990s")
        let numbers = t.filter { $0.kind == .number }
        #expect(numbers.map(\.number) == [21, 1200, 4, 90, 2.5, 12, 1990])
        #expect(numbers[2].isOrdinal)
        #expect(numbers[3].isPercent)
        #expect(numbers[6].isDecade)
    }

    @Test func pronounOneIsNotANumber() {
        #expect(Tokenizer.tokenize("which one has the most").allSatisfy { $0.kind != .number })
        #expect(Tokenizer.tokenize("only one player").contains { $0.number == 1 })
    }

    @Test func quotedPhrasesStayWhole() {
        let t = Tokenizer.tokenize(#"episodes named "Fear is My Co-Pilot" in 2010"#)
        #expect(t.contains { $0.kind == .quoted && $0.original == "Fear is My Co-Pilot" })
    }

    @Test func foldingJoinsSpellings() {
        #expect(TextNormalizer.key("Hawaiʻi") == TextNormalizer.key("hawaii"))
        #expect(TextNormalizer.key("Sauber–Petronas") == "sauber petronas")
        #expect(TextNormalizer.key("Dr. Hook's band") == "dr hook band")
        #expect(TextNormalizer.key("Zürich") == "zurich")
    }

    @Test func stemsMeetAcrossForms() {
        for group in [["score", "scores", "scored", "scoring"], ["country", "countries"], ["windy", "windiest", "wind"], ["hot", "hottest"]] {
            #expect(Set(group.map(Stemmer.stem)).count == 1, "\(group)")
        }
    }

    @Test func contractionsBecomeNot() {
        #expect(Tokenizer.tokenize("didn't win").map(\.word) == ["did", "not", "win"])
    }

    @Test func properNounsAreFoundOnlyInMixedCaseQuestions() {
        #expect(TextNormalizer.properNouns(in: "average salary of engineers in Tokyo") == ["tokyo"])
        #expect(TextNormalizer.properNouns(in: "AVERAGE SALARY IN TOKYO").isEmpty)
        #expect(TextNormalizer.properNouns(in: "average salary in tokyo").isEmpty)
    }
}
