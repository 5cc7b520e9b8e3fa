import Foundation
import Testing
import TableTalkCore
import TableTalkRules

/// Parsing stays fast: the issue asks for ≤ 5 ms median in a release build; debug builds get a looser bound.
@Suite struct PerformanceTests {
    @Test func medianParseTimeIsSmall() {
        let translator = RulesTranslator()
        let context = TranslationContext(tables: FixtureCatalog.tables(["staff", "sales", "flights", "students", "medals"]))
        let questions = GoldenTranslationTests.cases.map(\.q)
        var times: [Duration] = []
        let clock = ContinuousClock()
        for q in questions {
            times.append(clock.measure { _ = translator.translateNow(q, context: context) })
        }
        times.sort()
        let median = times[times.count / 2]
        #if DEBUG
        #expect(median < .milliseconds(50), "median \(median)")
        #else
        #expect(median < .milliseconds(5), "median \(median)")
        #endif
    }
}
