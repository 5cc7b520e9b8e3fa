extension TableInfo {
    /// Columns added, removed or re-typed relative to `old`, the table this one replaced ("+region", "-city",
    /// "price: TEXT→REAL"), as ``IngestReport/changedColumns`` reports them; empty when nothing was replaced.
    public func changedColumns(since old: TableInfo?) -> [String] {
        guard let old else { return [] }
        var out: [String] = []
        let oldByName = Dictionary(old.columns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let newNames = Set(columns.map(\.name))
        for c in columns {
            if let o = oldByName[c.name] {
                if o.type != c.type { out.append("\(c.name): \(o.type.rawValue)→\(c.type.rawValue)") }
            } else {
                out.append("+\(c.name)")
            }
        }
        for c in old.columns where !newNames.contains(c.name) { out.append("-\(c.name)") }
        return out
    }
}
