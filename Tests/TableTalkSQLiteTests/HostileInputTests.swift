import Foundation
import Testing
import TableTalkCore
@testable import TableTalkSQLite

/// Hostile files generated on the fly (too big to commit): each must fail fast with its specific error and
/// leave nothing behind.
@Suite struct HostileInputTests {
    func expectError(_ bytes: [UInt8], _ kind: TableTalkError.Kind, line: Int? = nil) async throws {
        let wb = Workbench()
        let file = try wb.dir.file("hostile.csv", bytes)
        do {
            _ = try await wb.ingestor.ingest(file: file, table: "h", sourceName: "hostile.csv", for: .local) { _ in }
            Issue.record("expected \(kind)")
        } catch let e as TableTalkError {
            #expect(e.kind == kind, "\(e)")
            if let line { #expect(e.details["line"] == String(line), "\(e)") }
        }
        #expect(try await wb.engine.tables(for: .local).isEmpty)
    }

    @Test func tenMegabyteSingleLine() async throws {
        var bytes = Array("a,b\n1,".utf8)
        bytes += [UInt8](repeating: 0x78, count: 10 << 20)
        bytes += Array("\n".utf8)
        try await expectError(bytes, .csvFieldTooLarge, line: 2)
    }

    @Test func tenMegabyteLineOfShortFields() async throws {
        let bytes = Array(String(repeating: "x,", count: 5 << 20).utf8)
        try await expectError(bytes, .csvTooManyColumns, line: 1)
    }

    @Test func tenThousandColumns() async throws {
        let header = (1...10_000).map { "c\($0)" }.joined(separator: ",")
        let row = (1...10_000).map(String.init).joined(separator: ",")
        try await expectError(Array("\(header)\n\(row)\n".utf8), .csvTooManyColumns, line: 1)
    }

    @Test func randomBinaryRenamedCSV() async throws {
        var rng = SplitMix64(seed: 7)
        let bytes = (0..<100_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        try await expectError(bytes, .notCSV)
    }

    @Test func quoteNeverClosedInALargeFile() async throws {
        var text = "a,b\n1,x\n2,\"starts here\n"
        text += String(repeating: "and goes on for ever, with commas\n", count: 70_000)
        try await expectError(Array(text.utf8), .csvUnclosedQuote, line: 3)
    }

    @Test func quotedFieldOverTheLimitThatDoesClose() async throws {
        let text = "a,b\n1,\"" + String(repeating: "y", count: 2 << 20) + "\"\n2,z\n"
        try await expectError(Array(text.utf8), .csvFieldTooLarge, line: 2)
    }

    @Test func nulByteFarIntoTheFile() async throws {
        var text = "a,b\n"
        for i in 1..<20_000 { text += "\(i),row\n" }
        var bytes = Array(text.utf8)
        bytes += Array("20000,bad".utf8) + [0] + Array("\n".utf8)
        try await expectError(bytes, .notCSV, line: 20_001)
    }

    @Test func raggedRowFarIntoTheFileLeavesNoTable() async throws {
        var text = "a,b\n"
        for i in 1..<30_000 { text += "\(i),x\n" }
        text += "30000,x,extra\n"
        try await expectError(Array(text.utf8), .csvRaggedRow, line: 30_001)
    }
}
