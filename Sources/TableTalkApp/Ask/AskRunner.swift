public import Foundation
public import TableTalkCore
import TableTalkRules

/// Answers one question from the command line (`tabletalk ask`): loads the given CSV files through the
/// ``CSVIngestor`` (table name = file stem, snake_cased), reads the catalog from the ``SQLEngine``, translates
/// with a ``QuestionTranslator``, runs the SQL and prints the answer in an ``AskFormat``.
///
/// ```swift
/// let runner = try AskRunner.temporary()          // SQLite adapters over a fresh temporary directory
/// let out = await runner.run(question: "average price by brand", csvFiles: [url], format: .json)
/// print(out.stdout, terminator: "")
/// runner.removeWorkspace()
/// ```
///
/// Without CSV files it answers from every table the engine already has for the principal. The runner never
/// writes to the user's files: the ingestor gets a copy, and the engine's guard allows only reads.
public struct AskRunner: Sendable {
    public let ingestor: any CSVIngestor
    public let engine: any SQLEngine
    public let translator: any QuestionTranslator
    public let principal: Principal
    public let options: QueryOptions
    /// A directory the runner owns (copies of the CSV files go there); removed by ``removeWorkspace()``.
    public let workspace: URL?
    /// Whether CSV files are copied before ingesting (needed when the ingestor moves its input into an object store).
    public let copiesFiles: Bool

    /// - Parameters:
    ///   - ingestor: loads `--csv` files; for a temporary workspace, one over that workspace's directory.
    ///   - engine: the catalog and the SQL runner over the same data as `ingestor`.
    ///   - translator: English to SQL (default: the offline rules translator).
    ///   - workspace: a scratch directory for copies of the CSV files (none: files are ingested in place).
    ///   - copiesFiles: copy each CSV into `workspace` first, so an ingestor that moves its input cannot take the
    ///     user's file.
    public init(
        ingestor: any CSVIngestor, engine: any SQLEngine, translator: (any QuestionTranslator)? = nil,
        principal: Principal = .local, options: QueryOptions = QueryOptions(maxRows: 10_000), workspace: URL? = nil,
        copiesFiles: Bool = true
    ) {
        self.copiesFiles = copiesFiles
        self.ingestor = ingestor
        self.engine = engine
        self.translator = translator ?? RulesTranslator()
        self.principal = principal
        self.options = options
        self.workspace = workspace
    }

    /// Answers `question`, loading `csvFiles` first (their tables alone are then asked).
    /// With `explain`, the text format also lists how each part of the question was read.
    public func run(question: String, csvFiles: [URL] = [], format: AskFormat, explain: Bool = false) async -> AskOutput {
        let writer = AskOutputWriter(format: format, explain: explain)
        do {
            let context = try await context(csvFiles: csvFiles)
            // TABLETALK_TRACE=1 prints the offline translator's reading on stderr (for tuning the lexicon)
            if ProcessInfo.processInfo.environment["TABLETALK_TRACE"] == "1", let rules = translator as? RulesTranslator {
                StandardError.write(rules.trace(question, context: context))
            }
            let translation = try await translator.translate(question, context: context)
            guard let sql = translation.sql, !translation.needsClarification else {
                return writer.clarification(translation)
            }
            let result = try await engine.run(sql, for: principal, options: options, cancellation: nil)
            return writer.answer(translation, result: result)
        } catch let error as TableTalkError {
            return writer.error(error.message)
        } catch {
            return writer.error(String(describing: error))
        }
    }

    /// What the translator is given for a question: `csvFiles` loaded (their tables alone, when any), or every
    /// table of the principal, with the value index.
    public func context(csvFiles: [URL] = []) async throws -> TranslationContext {
        var names: [String] = []
        for file in csvFiles { names.append(try await load(file)) }
        var tables = try await engine.tables(for: principal)
        if !names.isEmpty { tables = tables.filter { names.contains($0.name) } }
        let index = try await ValueIndexBuilder(engine: engine, principal: principal).build(for: tables)
        return TranslationContext(tables: tables, valueLookup: index)
    }

    /// Copies a CSV file into the workspace and ingests the copy; returns the table name.
    private func load(_ file: URL) async throws -> String {
        let fm = FileManager.default
        guard fm.fileExists(atPath: file.path) else {
            throw TableTalkError(.uploadNotFound, "no such file: \(file.path)")
        }
        let table = Self.tableName(for: file)
        var source = file
        var scratch: URL?
        if copiesFiles {
            let base = workspace ?? fm.temporaryDirectory.appendingPathComponent("tabletalk-ask-\(UUID().uuidString)", isDirectory: true)
            if workspace == nil { scratch = base }
            let dir = base.appendingPathComponent("csv", isDirectory: true)
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            source = dir.appendingPathComponent(UUID().uuidString + "-" + file.lastPathComponent)
            try fm.copyItem(at: file, to: source)
        }
        defer { if let scratch { try? fm.removeItem(at: scratch) } }
        let report = try await ingestor.ingest(file: source, table: table, sourceName: file.lastPathComponent, for: principal) { _ in }
        return report.table.name
    }

    /// The file stem in snake_case (`Sales 2024.csv` → `sales_2024`; a leading digit gets `t_`).
    public static func tableName(for file: URL) -> String {
        let stem = file.deletingPathExtension().lastPathComponent
        var out = ""
        var lastUnderscore = true
        for ch in stem.lowercased().unicodeScalars {
            if ch.properties.isAlphabetic || ("0"..."9").contains(ch) {
                out.unicodeScalars.append(ch)
                lastUnderscore = false
            } else if !lastUnderscore {
                out += "_"
                lastUnderscore = true
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        if out.isEmpty { return "table" }
        if let f = out.unicodeScalars.first, ("0"..."9").contains(f) { out = "t_" + out }
        return out
    }

    /// Deletes the workspace directory, if the runner has one.
    public func removeWorkspace() {
        if let workspace { try? FileManager.default.removeItem(at: workspace) }
    }
}
