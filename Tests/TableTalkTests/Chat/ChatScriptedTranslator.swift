import Synchronization
import TableTalkCore

/// A deterministic ``QuestionTranslator`` for chat tests: a few scripted questions over the `staff` table, and a
/// record of every context it was given (to check that follow-ups receive the previous plan).
final class ChatScriptedTranslator: QuestionTranslator {
    struct Call: Sendable {
        var question: String
        var previousPlan: QueryPlan?
        var tables: [String]
    }

    private let calls = Mutex<[Call]>([])
    var received: [Call] { calls.withLock { $0 } }
    /// Questions containing "slow" wait here until the test opens it.
    let gate = ChatGate()

    static let byDepartment: QueryPlan = {
        var plan = QueryPlan(table: "staff")
        plan.dimensions = [.column("department")]
        plan.measures = [Measure(.avg, .column("salary"))]
        plan.order = [PlanOrder(.expr(.column("department")), descending: false)]
        return plan
    }()
    static let byDepartmentSQL =
        #"SELECT "department", AVG("salary") AS "avg_salary" FROM "staff" GROUP BY "department" ORDER BY "department""#
    static let berlinSQL =
        #"SELECT "department", AVG("salary") AS "avg_salary" FROM "staff" WHERE "office" = 'Berlin' GROUP BY "department" ORDER BY "department""#
    static let countSQL = #"SELECT COUNT(*) AS "count" FROM "staff""#
    static let namesSQL = #"SELECT "name" FROM "staff" ORDER BY "name""#

    func translate(_ question: String, context: TranslationContext) async throws -> Translation {
        calls.withLock {
            $0.append(Call(question: question, previousPlan: context.previousPlan, tables: context.tables.map(\.name)))
        }
        let q = question.lowercased()
        if q.contains("slow") { await gate.wait() }
        if q.contains("average salary by department") {
            return Translation(
                plan: Self.byDepartment, sql: Self.byDepartmentSQL, interpretation: "Average salary by department",
                suggestions: ["average salary by department for Berlin"],
                chart: ChartSuggestion(kind: .bar, x: "department", y: "avg_salary"))
        }
        if q.contains("only berlin") {
            guard var plan = context.previousPlan else {
                return Translation(plan: nil, sql: nil, interpretation: "Only Berlin", needsClarification: true)
            }
            plan.filters.append(PlanFilter(.column("office"), .equals, [.text("Berlin")]))
            return Translation(
                plan: plan, sql: Self.berlinSQL, interpretation: "Average salary by department, where office is Berlin",
                chart: ChartSuggestion(kind: .bar, x: "department", y: "avg_salary"))
        }
        if q.contains("how many") {
            return Translation(
                plan: QueryPlan(table: "staff", measures: [.rowCount]), sql: Self.countSQL, interpretation: "Number of staff",
                chart: ChartSuggestion(kind: .none))
        }
        if q.contains("list") {
            return Translation(
                plan: QueryPlan(table: "staff", columns: [.column("name")], order: [PlanOrder(.expr(.column("name")), descending: false)]),
                sql: Self.namesSQL, interpretation: "Names of staff")
        }
        return Translation(
            plan: nil, sql: nil, interpretation: "", needsClarification: true,
            suggestions: ["average salary by department", "how many staff"], alternatives: [])
    }
}

/// A one-shot gate: `wait()` suspends until `open()` (at once when already open).
final class ChatGate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if s.open { return true }
                s.waiters.append(c)
                return false
            }
            if now { c.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.open = true
            defer { s.waiters = [] }
            return s.waiters
        }
        waiters.forEach { $0.resume() }
    }
}
