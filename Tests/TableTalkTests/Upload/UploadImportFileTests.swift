import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Testing
import TableTalkApp
import TableTalkBroker
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport

/// `upload.importFile` reads only inside the configured import directories.
@Suite struct UploadImportFileTests {
    /// allowed/ (import dir) with people.csv and a symlink to outside/secret.csv; outside/ is not an import dir.
    static func layout() throws -> (root: URL, harness: UploadHarness) {
        let root = PackagePaths.tempDir("tt-import")
        let fm = FileManager.default
        let allowed = root.appendingPathComponent("allowed")
        let outside = root.appendingPathComponent("outside")
        try fm.createDirectory(at: allowed.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("Name,Age\nAda,36\nLinus,54\n".utf8).write(to: allowed.appendingPathComponent("sub/People List.csv"))
        try Data("k,v\nsecret,1\n".utf8).write(to: outside.appendingPathComponent("secret.csv"))
        try fm.createSymbolicLink(at: allowed.appendingPathComponent("link.csv"), withDestinationURL: outside.appendingPathComponent("secret.csv"))
        try fm.createSymbolicLink(at: allowed.appendingPathComponent("escape"), withDestinationURL: outside)
        let harness = try UploadHarness(dataDir: root.appendingPathComponent("data")) { $0.importDirs = [allowed.path] }
        return (root, harness)
    }

    @Test func importsAFileInsideAnImportDirectoryWithoutMovingIt() async throws {
        let (root, h) = try Self.layout()
        let client = try await h.client()
        let file = root.appendingPathComponent("allowed/sub/People List.csv")
        let result = try await client.call(UploadImportFileRequest(path: file.path))
        #expect(result.table.name == "people_list" && result.table.rowCount == 2)
        #expect(FileManager.default.fileExists(atPath: file.path))
        let named = try await client.call(UploadImportFileRequest(path: root.appendingPathComponent("allowed/./sub/../sub/People List.csv").path, table: "People"))
        #expect(named.table.name == "people")
        let phases = await client.sink.notifications("upload.progress").compactMap { $0["params"]?["phase"]?.stringValue }
        #expect(phases.contains("ready"))
    }

    @Test(arguments: ["outside/secret.csv", "allowed/../outside/secret.csv", "allowed/link.csv", "allowed/escape/secret.csv", "allowed/../allowed-not/x.csv"])
    func pathsOutsideTheImportDirectoriesAreDenied(_ relative: String) async throws {
        let (root, h) = try Self.layout()
        let client = try await h.client()
        let error = try await client.error(UploadImportFileRequest(path: root.path + "/" + relative))
        #expect(error.code == .importPathDenied)
        #expect(try await client.call(QueryTablesRequest()).tables.isEmpty)
    }

    @Test func withoutImportDirectoriesEverythingIsDenied() async throws {
        let client = try await UploadHarness().client()
        #expect(try await client.error(UploadImportFileRequest(path: "/etc/hosts")).code == .importPathDenied)
    }

    @Test func localImporterImportsAnyFile() async throws {
        let (root, h) = try Self.layout()
        let importer = LocalImporter(configuration: h.runtime.configuration)
        let result = try await importer.importFile(root.appendingPathComponent("outside/secret.csv"), table: nil) { _ in }
        #expect(result.table.name == "secret" && result.table.rowCount == 1)
        let client = try await h.client()
        #expect(try await client.call(QueryTablesRequest()).tables.map(\.name) == ["secret"])
    }

    @Test func aFIFOIsRefusedAtOnceAndTheServerKeepsAnswering() async throws {
        let (root, h) = try Self.layout()
        let fifo = root.appendingPathComponent("allowed/pipe.csv")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        // Should an import block on the FIFO, a writer that opens and closes it after 30 s releases it, so a
        // failing run ends instead of hanging (this runs on Dispatch, not on the cooperative pool it would block).
        DispatchQueue.global().asyncAfter(deadline: .now() + 30) {
            let fd = open(fifo.path, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
        }
        let client = try await h.client()
        let started = ContinuousClock.now
        async let first = client.error(UploadImportFileRequest(path: fifo.path))
        async let second = client.error(UploadImportFileRequest(path: fifo.path))
        _ = try await client.call(PingRequest())
        #expect(ContinuousClock.now - started < .seconds(10), "ping waited for the imports")
        for error in try await [first, second] {
            #expect(error.code == .invalidParams)
            #expect(error.message.contains("FIFO"))
            #expect(error.data?["reason"] == "notRegularFile")
        }
        #expect(ContinuousClock.now - started < .seconds(15))
        #expect(try await client.call(QueryTablesRequest()).tables.isEmpty)
    }

    @Test func theLocalImporterRefusesDevicesAndDirectories() async throws {
        let (root, h) = try Self.layout()
        let importer = LocalImporter(configuration: h.runtime.configuration)
        for path in ["/dev/null", root.appendingPathComponent("allowed").path] {
            await #expect {
                _ = try await importer.importFile(URL(fileURLWithPath: path), table: nil) { _ in }
            } throws: { ($0 as? TableTalkError)?.details["reason"] == "notRegularFile" }
        }
    }
}
