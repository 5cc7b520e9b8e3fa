import TableTalkCore

/// Questions a user could ask instead, built from a table's schema ("Total sales by region?").
enum Suggestions {
    static func build(for table: TableProfile, focus: ColumnProfile? = nil, limit: Int = 4) -> [String] {
        let numeric = table.columns.filter { c in
            c.role == .number && !c.has("identifier") && !c.lowerIsBetter && (c.info.distinctCount ?? 100) > 12
        }.sorted { ($0.info.distinctCount ?? 0) > ($1.info.distinctCount ?? 0) }
        let categories = table.columns.filter { c in
            c.role == .text && !c.isUnique && (c.info.distinctCount ?? Int.max) <= 50
        } + table.columns.filter { $0.role == .booleanText }
        let date = table.columns.first { $0.role.isTemporal }
        let label: (ColumnProfile) -> String = { $0.label.split(whereSeparator: \.isNewline).joined(separator: " ").lowercased() }
        var out: [String] = []
        let n = focus.flatMap { $0.role.isNumeric ? $0 : nil } ?? numeric.first
        let cat = focus.flatMap { $0.role == .text ? $0 : nil } ?? categories.first
        let agg = { (c: ColumnProfile) in c.isIntensive ? "average" : "total" }
        if let n, let cat { out.append("What is the \(agg(n)) \(label(n)) by \(label(cat))?") }
        if let n, let cat { out.append("Which \(label(cat)) has the highest average \(label(n))?") }
        if let cat { out.append("How many rows are there per \(label(cat))?") }
        if let n, date != nil { out.append("What is the \(agg(n)) \(label(n)) per month?") }
        if let n, cat == nil { out.append("What is the average \(label(n))?") }
        out.append("How many rows are in \(table.name)?")
        return Array(out.prefix(limit))
    }
}
