import Foundation
import Testing
import TableTalkCore
import TableTalkRules
import TableTalkSQLite

// TEMPORARY development harness (removed before hand-off): answers a JSONL batch when TABLETALK_DEV_INPUT is set.
@Test func askDevHarness() async throws {
    let env = ProcessInfo.processInfo.environment
    guard let input = env["TABLETALK_DEV_INPUT"], let output = env["TABLETALK_DEV_OUTPUT"] else { return }
    let text = try String(contentsOfFile: input, encoding: .utf8)
    var out = ""
    let translator = RulesTranslator()
    for line in text.split(separator: "\n") {
        guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
        let id = obj["id"] as? String ?? ""
        let csv = (obj["csv"] as? [String] ?? []).map { URL(fileURLWithPath: $0) }
        let q = obj["question"] as? String ?? ""
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dev-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = SQLiteConfiguration(rawFiles: .none, resultCacheEntries: 0)
        let ingestor = SQLiteIngestor(dataDirectory: dir, configuration: config)
        let engine = SQLiteEngine(dataDirectory: dir, configuration: config)
        var rec: [String: Any] = ["id": id]
        do {
            for f in csv { _ = try await ingestor.ingest(file: f, table: "", sourceName: f.lastPathComponent, for: .local) { _ in } }
            let tables = try await engine.tables(for: .local)
            var values: [String: [String: [String]]] = [:]
            for t in tables {
                var cols: [String: [String]] = [:]
                for c in t.columns where c.type == .text {
                    let r = try await engine.run("SELECT DISTINCT \"\(c.name)\" FROM \"\(t.name)\" WHERE \"\(c.name)\" IS NOT NULL LIMIT 5000", for: .local, options: QueryOptions(maxRows: 5000), cancellation: nil)
                    cols[c.name] = r.rows.compactMap { $0.first?.textValue }
                }
                values[t.name] = cols
            }
            let t0 = Date()
            let tr = translator.translateNow(q, context: TranslationContext(tables: tables, valueLookup: ValueIndex(values: values)))
            rec["parse_ms"] = Date().timeIntervalSince(t0) * 1000
            rec["interpretation"] = tr.interpretation
            rec["clarify"] = tr.needsClarification
            rec["suggestions"] = tr.suggestions
            rec["alternatives"] = tr.alternatives
            if let sql = tr.sql {
                rec["sql"] = sql
                let r = try await engine.run(sql, for: .local, options: QueryOptions(maxRows: 10000), cancellation: nil)
                rec["columns"] = r.columns.map(\.name)
                rec["rows"] = r.rows.map { $0.map { c -> Any in
                    switch c { case .null: return NSNull(); case .integer(let i): return i; case .real(let d): return d; case .text(let s): return s }
                } }
                rec["focus"] = tr.plan?.focusIndex ?? 0
            }
            if obj["schema"] != nil {
                rec["schema"] = tables.map { t in t.columns.map { "\($0.name):\($0.type.rawValue)\($0.distinctValues == nil ? "" : "*")" }.joined(separator: ", ") }
            }
        } catch {
            rec["error"] = "\(error)"
        }
        try? FileManager.default.removeItem(at: dir)
        out += String(decoding: try JSONSerialization.data(withJSONObject: rec), as: UTF8.self) + "\n"
    }
    try out.write(toFile: output, atomically: true, encoding: .utf8)
}
