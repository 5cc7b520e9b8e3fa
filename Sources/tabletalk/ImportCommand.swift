import ArgumentParser
import Foundation
import TableTalkApp
import TableTalkCore
import TableTalkProtocol

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `tabletalk import FILE.csv [--table NAME]`: the same as an upload, from the command line: a progress bar on
/// stderr when it is a terminal, then a one-screen summary of the inferred schema on stdout.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import a CSV file as a table (same checks and typing as an upload).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The CSV file.") var file: String
    @Option(help: "Table name (default: the file stem, snake_cased). An existing table of that name is replaced.")
    var table: String?
    @Option(help: "The principal (user) who owns the table.") var principal: String = "local"

    func run() async throws {
        let (config, _) = try global.load()
        let url = URL(fileURLWithPath: (file as NSString).expandingTildeInPath)
        let bar = ProgressBar(enabled: isatty(STDERR_FILENO) == 1)
        do {
            let result = try await LocalImporter(configuration: config).importFile(url, table: table, principal: Principal(principal)) {
                bar.update($0)
            }
            bar.clear()
            print(SchemaSummary.render(result), terminator: "")
        } catch let error as TableTalkError {
            bar.clear()
            StandardError.write("error \(error.code): \(error.message)\n")
            throw ExitCode.failure
        }
    }
}

/// A one-line progress bar redrawn in place on stderr: `loading [#########.........] 47% 120,331 rows`.
final class ProgressBar: Sendable {
    let enabled: Bool
    init(enabled: Bool) { self.enabled = enabled }

    func update(_ p: UploadProgressNotification) {
        guard enabled else { return }
        let width = 30
        let filled = max(0, min(width, Int(p.percent / 100 * Double(width))))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rows = p.rows > 0 ? "  \(p.rows.formatted()) rows" : ""
        let phase = p.phase.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
        write("\r\u{1B}[2K\(phase) [\(bar)] \(Int(p.percent))%\(rows)")
    }

    func clear() {
        if enabled { write("\r\u{1B}[2K") }
    }

    private func write(_ s: String) { StandardError.write(s) }
}

/// The schema of an imported table in one screen: header facts, then one line per column (at most 20).
enum SchemaSummary {
    static func render(_ r: UploadResult, maxColumns: Int = 20) -> String {
        let t = r.table
        var out = "\(r.replaced ? "Replaced" : "Created") table \(t.name): \(t.rowCount.formatted()) rows, \(t.columns.count) columns"
        out += "  (from \(t.sourceFile)"
        let d = r.detected
        let facts = [d.encoding, d.delimiter.map { $0 == "\t" ? "tab-separated" : "delimiter '\($0)'" }, d.header == false ? "no header" : nil]
            .compactMap { $0 }
        if !facts.isEmpty { out += "; " + facts.joined(separator: ", ") }
        out += ")\n"
        let nameWidth = min(28, t.columns.prefix(maxColumns).map(\.name.count).max() ?? 4)
        for c in t.columns.prefix(maxColumns) {
            var line = "  " + c.name.padding(toLength: max(nameWidth, c.name.count), withPad: " ", startingAt: 0)
            line += "  " + c.type.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            line += (c.nullCount > 0 ? "\(c.nullCount) null" : "").padding(toLength: 10, withPad: " ", startingAt: 0)
            let examples = c.examples.prefix(3).map { $0.count > 18 ? String($0.prefix(17)) + "…" : $0 }
            if !examples.isEmpty { line += "e.g. " + examples.joined(separator: ", ") }
            if c.label != c.name && !c.label.isEmpty { line += "  (\"\(c.label)\")" }
            out += String(line.prefix(118)) + "\n"
        }
        if t.columns.count > maxColumns { out += "  … and \(t.columns.count - maxColumns) more columns\n" }
        if !r.changedColumns.isEmpty { out += "Changed: " + r.changedColumns.joined(separator: ", ") + "\n" }
        for w in r.warnings.prefix(5) { out += "warning: \(w)\n" }
        if r.warnings.count > 5 { out += "… and \(r.warnings.count - 5) more warnings\n" }
        return out
    }
}
