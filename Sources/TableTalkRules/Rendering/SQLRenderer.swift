public import TableTalkCore

/// Renders a ``QueryPlan`` as one read-only `SELECT` in a ``SQLDialect``.
///
/// Identifiers are always quoted and values always literals escaped by the dialect, so question text never
/// reaches the SQL as code.
///
/// ```swift
/// let sql = try SQLRenderer(dialect: SQLiteDialect()).render(plan)
/// // SELECT "department", avg("salary") AS "avg_salary" FROM "staff" WHERE "office" = 'Berlin' GROUP BY "department"
/// ```
public struct SQLRenderer: Sendable {
    /// The SQL spelled by this renderer.
    public let dialect: any SQLDialect

    /// A renderer for one dialect (SQLite by default).
    public init(dialect: any SQLDialect = SQLiteDialect()) { self.dialect = dialect }

    /// The SQL for a plan.
    /// - Throws: ``TableTalkError`` (`invalidArgument`) when the plan needs something the dialect lacks
    ///   (row positions in Trino) or is empty.
    public func render(_ plan: QueryPlan) throws -> String {
        let names = outputNames(for: plan)
        var select: [String] = []
        var groupBy: [String] = []
        var k = 0
        for d in plan.dimensions {
            let e = try expr(d, plan)
            select.append(alias(e, names[k], d))
            groupBy.append(e)
            k += 1
        }
        for c in plan.columns {
            let e = try expr(c, plan)
            select.append(alias(e, names[k], c))
            if plan.isAggregate { groupBy.append(e) }
            k += 1
        }
        var measureSQL: [String] = []
        for m in plan.measures { measureSQL.append(try measure(m, plan)) }
        if let op = plan.arithmetic, measureSQL.count >= 2 {
            let combined: String
            switch op {
            case .difference: combined = "\(measureSQL[0]) - \(measureSQL[1])"
            case .absoluteDifference: combined = "abs(\(measureSQL[0]) - \(measureSQL[1]))"
            case .total: combined = "coalesce(\(measureSQL[0]), 0) + coalesce(\(measureSQL[1]), 0)"
            case .ratio: combined = "1.0 * \(measureSQL[0]) / NULLIF(\(measureSQL[1]), 0)"
            }
            select.append("\(combined) AS \(dialect.quote(identifier: names[k]))")
        } else {
            for (i, m) in measureSQL.enumerated() { select.append("\(m) AS \(dialect.quote(identifier: names[k + i]))") }
        }
        guard !select.isEmpty else { throw TableTalkError(.invalidArgument, "The plan selects nothing.") }
        var body = " FROM " + dialect.quote(identifier: plan.table)
        let conditions = try plan.filters.map { try filter($0, plan) }
        if !conditions.isEmpty { body += " WHERE " + conditions.joined(separator: " AND ") }
        if plan.isAggregate && !groupBy.isEmpty { body += " GROUP BY " + groupBy.joined(separator: ", ") }
        if !plan.groupConditions.isEmpty {
            let terms = try plan.groupConditions.map { g in
                try compare(try measure(g.measure, plan), g.op, try g.values.map { try value($0, PlanFilter(.rowPosition, g.op, g.values), plan) })
            }
            body += " HAVING " + terms.joined(separator: " AND ")
        }
        let distinct = plan.distinct && !plan.isAggregate ? "DISTINCT " : ""
        var sql: String
        if let ranking = plan.perGroup {
            // rank inside each group, then keep the first rows of every group
            let partition = try ranking.partition.map { try expr($0, plan) }
            let window = try plan.order.map { o -> String in
                let key: String
                switch o.key {
                case .measure(let i): key = try measure(plan.measures[min(i, plan.measures.count - 1)], plan)
                case .expr(let e): key = try expr(e, plan)
                }
                return key + (o.descending ? " DESC" : " ASC") + " NULLS LAST"
            }
            let rankFunction = ranking.limit == 1 ? "rank()" : "row_number()"
            let partitionClause: String = partition.isEmpty ? "" : "PARTITION BY \(partition.joined(separator: ", ")) "
            let windowOrder: String = window.isEmpty ? "1" : window.joined(separator: ", ")
            let over = "OVER (\(partitionClause)ORDER BY \(windowOrder))"
            let rankName = dialect.quote(identifier: "group_rank")
            let inner = "SELECT \(distinct)\(select.joined(separator: ", ")), \(rankFunction) \(over) AS \(rankName)\(body)"
            let outputs = names.map { dialect.quote(identifier: $0) }
            let partitionNames = ranking.partition.compactMap { p -> String? in
                let all = plan.dimensions + plan.columns
                return all.firstIndex(of: p).map { outputs[$0] }
            }
            sql = "SELECT \(outputs.joined(separator: ", ")) FROM (\(inner)) AS ranked WHERE \(rankName) <= \(max(1, ranking.limit))"
            sql += " ORDER BY \((partitionNames + [rankName]).joined(separator: ", "))"
            if let limit = plan.limit { sql += " LIMIT \(max(0, limit))" }
            return sql
        }
        sql = "SELECT " + distinct + select.joined(separator: ", ") + body
        if !plan.order.isEmpty {
            let terms = try plan.order.map { o -> String in
                let key: String
                switch o.key {
                case .measure(let i):
                    let idx = plan.arithmetic != nil ? plan.dimensions.count + plan.columns.count : plan.dimensions.count + plan.columns.count + i
                    key = dialect.quote(identifier: names[min(idx, names.count - 1)])
                case .expr(let e): key = try expr(e, plan)
                }
                return key + (o.descending ? " DESC" : " ASC") + " NULLS LAST"
            }
            sql += " ORDER BY " + terms.joined(separator: ", ")
        }
        if let limit = plan.limit { sql += " LIMIT \(max(0, limit))" }
        return sql
    }

    /// The output column names of a plan's SQL, in order.
    public func outputNames(for plan: QueryPlan) -> [String] {
        var names: [String] = []
        func unique(_ n: String) -> String {
            var candidate = n
            var k = 2
            while names.contains(candidate) {
                candidate = "\(n)_\(k)"
                k += 1
            }
            return candidate
        }
        for e in plan.dimensions + plan.columns { names.append(unique(exprName(e))) }
        if let op = plan.arithmetic, plan.measures.count >= 2 {
            names.append(unique(op == .ratio ? "ratio" : op == .total ? "total" : "difference"))
        } else {
            for m in plan.measures { names.append(unique(measureName(m))) }
        }
        return names
    }

    // MARK: pieces

    private func exprName(_ e: PlanExpr) -> String {
        switch e {
        case .column(let c), .leadingNumber(let c), .durationSeconds(let c): return c
        case .bucket(_, let b): return b.rawValue
        case .datePart(_, let p): return p == .year ? "year" : p == .monthOfYear ? "month" : "weekday"
        case .product(let a, let b): return "\(a)_x_\(b)"
        case .rowPosition: return "row"
        }
    }

    private func measureName(_ m: Measure) -> String {
        let base = m.expr.map(exprName) ?? ""
        if m.percentOfTotal { return base.isEmpty ? "percent" : "percent_\(base)" }
        switch m.aggregate {
        case .count: return base.isEmpty ? "count" : "count_\(base)"
        case .countDistinct: return "distinct_\(base)"
        case .sum: return "total_\(base)"
        case .avg: return "avg_\(base)"
        case .min: return "min_\(base)"
        case .max: return "max_\(base)"
        case .median: return "median_\(base)"
        }
    }

    private func alias(_ sql: String, _ name: String, _ e: PlanExpr) -> String {
        if case .column(let c) = e, c == name { return sql }
        return "\(sql) AS \(dialect.quote(identifier: name))"
    }

    func expr(_ e: PlanExpr, _ plan: QueryPlan) throws -> String {
        let q = dialect.quote(identifier:)
        switch e {
        case .column(let c): return q(c)
        case .bucket(let c, let b): return dialect.bucket(q(c), b)
        case .datePart(let c, let p): return dialect.datePart(q(c), p)
        case .leadingNumber(let c): return dialect.leadingNumber(q(c))
        case .durationSeconds(let c): return dialect.durationSeconds(q(c))
        case .product(let a, let b): return "\(q(a)) * \(q(b))"
        case .rowPosition:
            guard let r = dialect.rowPosition else {
                throw TableTalkError(.invalidArgument, "\(dialect.name) has no row order; this question needs one.")
            }
            return r
        }
    }

    private func measure(_ m: Measure, _ plan: QueryPlan) throws -> String {
        let arg = try m.expr.map { try expr($0, plan) }
        let call = dialect.aggregate(m.aggregate, argument: arg)
        let conditional: String
        if m.condition.isEmpty {
            conditional = call
        } else {
            let cond = try m.condition.map { try filter($0, plan) }.joined(separator: " AND ")
            conditional = "\(call) FILTER (WHERE \(cond))"
        }
        guard m.percentOfTotal else { return conditional }
        if !m.condition.isEmpty { return "100.0 * \(conditional) / NULLIF(\(call), 0)" }
        if plan.dimensions.isEmpty && plan.columns.isEmpty { return "100.0 * \(call) / NULLIF(\(call), 0)" }
        return "100.0 * \(call) / NULLIF(sum(\(call)) OVER (), 0)"
    }

    func filter(_ f: PlanFilter, _ plan: QueryPlan) throws -> String {
        let x = try expr(f.expr, plan)
        let v = try f.values.map { try value($0, f, plan) }
        return try compare(x, f.op, v)
    }

    /// `x op values` for any left-hand side: a row expression (`WHERE`) or an aggregate (`HAVING`).
    private func compare(_ x: String, _ op: PlanFilter.Operator, _ v: [String]) throws -> String {
        func first() throws -> String {
            guard let s = v.first else { throw TableTalkError(.invalidArgument, "A filter on \(x) has no value.") }
            return s
        }
        switch op {
        case .equals: return "\(x) = \(try first())"
        case .notEquals: return dialect.distinct(x, from: try first())
        case .less: return "\(x) < \(try first())"
        case .lessOrEqual: return "\(x) <= \(try first())"
        case .greater: return "\(x) > \(try first())"
        case .greaterOrEqual: return "\(x) >= \(try first())"
        case .between:
            guard v.count >= 2 else { throw TableTalkError(.invalidArgument, "A range needs two values.") }
            return "\(x) BETWEEN \(v[0]) AND \(v[1])"
        case .range:
            guard v.count >= 2 else { throw TableTalkError(.invalidArgument, "A range needs two values.") }
            return "\(x) >= \(v[0]) AND \(x) < \(v[1])"
        case .isIn: return "\(x) IN (\(v.joined(separator: ", ")))"
        case .notIn: return "(\(x) IS NULL OR \(x) NOT IN (\(v.joined(separator: ", "))))"
        case .contains: return dialect.contains(x, literal: try first())
        case .isNull: return "\(x) IS NULL"
        case .isNotNull: return "\(x) IS NOT NULL"
        }
    }

    private func value(_ v: PlanValue, _ f: PlanFilter, _ plan: QueryPlan) throws -> String {
        let q = dialect.quote(identifier:)
        let table = q(plan.table)
        switch v {
        case .text(let s): return dialect.literal(text: s)
        case .integer(let i): return String(i)
        case .real(let d): return d.isFinite ? String(d) : "NULL"
        case .date(let iso): return dialect.literal(date: iso)
        case .latestPeriodStart(let bucket, let count):
            let x = try expr(f.expr, plan)
            return dialect.periodStart("(SELECT max(\(x)) FROM \(table))", bucket, back: max(0, count - 1))
        case .positionOf(let column, let value):
            guard let r = dialect.rowPosition else {
                throw TableTalkError(.invalidArgument, "\(dialect.name) has no row order; this question needs one.")
            }
            return "(SELECT min(\(r)) FROM \(table) WHERE \(q(column)) = \(dialect.literal(text: value)))"
        case .valueAt(let keyColumn, let key):
            return "(SELECT \(try expr(f.expr, plan)) FROM \(table) WHERE \(q(keyColumn)) = \(dialect.literal(text: key)) LIMIT 1)"
        case .maximum, .minimum:
            // the extreme among the rows the other filters keep
            let others = try plan.filters.filter { g in !g.values.contains(.maximum) && !g.values.contains(.minimum) }.map { try filter($0, plan) }
            let fn = v == .maximum ? "max" : "min"
            let whereClause = others.isEmpty ? "" : " WHERE " + others.joined(separator: " AND ")
            return "(SELECT \(fn)(\(try expr(f.expr, plan))) FROM \(table)\(whereClause))"
        }
    }
}
