import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TableTalkApp
import TableTalkCore
import TableTalkProtocol
import TableTalkTestSupport

/// Everything TableTalk writes under the data directory is private to its owner: files 0600, directories 0700.
@Suite(.serialized) struct FilePermissionTests {
    /// Every entry under `dir` (and `dir` itself) whose mode lets group or others in.
    static func exposed(under dir: URL) -> [String] {
        var found: [String] = []
        func check(_ path: String, _ shown: String) {
            var st = stat()
            guard lstat(path, &st) == 0 else { return }
            let type = st.st_mode & S_IFMT
            let mode = st.st_mode & 0o777
            if type == S_IFDIR, mode != 0o700 { found.append("\(shown) dir \(String(mode, radix: 8))") }
            if type == S_IFREG, mode & 0o077 != 0 { found.append("\(shown) file \(String(mode, radix: 8))") }
        }
        check(dir.path, ".")
        let walker = FileManager.default.enumerator(atPath: dir.path)
        while let name = walker?.nextObject() as? String { check(dir.appendingPathComponent(name).path, name) }
        return found
    }

    /// Upload (chunks, a raw `PUT` part, and an import of a world-readable file), query, chat and a token: then
    /// no file or directory under the data directory is readable by anyone but the owner.
    @Test func dataDirectoryIsPrivateAfterUploadQueryChatAndTokens() async throws {
        let root = PackagePaths.tempDir("tt-perm")
        let imports = root.appendingPathComponent("imports")
        try FileManager.default.createDirectory(at: imports, withIntermediateDirectories: true)
        let shared = imports.appendingPathComponent("shared.csv")
        try Data("Name,Age\nAda,36\nLinus,54\n".utf8).write(to: shared)
        chmod(shared.path, 0o644)
        let h = try UploadHarness(dataDir: root.appendingPathComponent("data")) { $0.importDirs = [imports.path] }
        let client = try await h.client()

        _ = try await client.upload(UploadHarness.salesCSV(rows: 200), name: "sales.csv")
        let csv = UploadHarness.salesCSV(rows: 50)
        let begun = try await client.call(UploadBeginRequest(name: "put.csv", size: Int64(csv.count)))
        let path = try #require(begun.partUrl)
        try await UploadPutRouteTests.withGateway(h) { base in
            let reply = try await UploadPutRouteTests.put(base, path + "?offset=0", csv)
            #expect(reply.status == 200)
        }
        _ = try await client.call(UploadFinishRequest(uploadId: begun.uploadId))
        _ = try await client.call(UploadImportFileRequest(path: shared.path, table: "people"))
        _ = try await client.call(QueryRunRequest(sql: "SELECT region, count(*) FROM sales GROUP BY region"))
        let chat = try await client.call(ChatStartRequest(title: "perm"))
        _ = try await client.call(ChatSendRequest(sessionId: chat.sessionId, text: "how many rows in sales"))
        _ = try await client.call(HistorySetPreferencesRequest(values: ["theme": "dark"]))
        _ = try h.runtime.tokens.create(name: "perm", principal: .local)

        let objects = h.dataDir.appendingPathComponent("objects")
        #expect(FileManager.default.fileExists(atPath: objects.path), "raw files were kept")
        let exposed = Self.exposed(under: h.dataDir)
        #expect(exposed.isEmpty, "readable by others: \(exposed)")
    }

    /// A data directory an older version left readable is tightened when the server starts.
    @Test func existingDataDirectoryIsTightenedAtStart() throws {
        let dir = PackagePaths.tempDir("tt-perm")
        let sub = dir.appendingPathComponent("users/local")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let file = sub.appendingPathComponent("tables.sqlite")
        try Data("x".utf8).write(to: file)
        chmod(dir.path, 0o755)
        chmod(sub.path, 0o755)
        chmod(file.path, 0o644)
        try PrivateDataDirectory.prepare(dir)
        #expect(Self.exposed(under: dir).isEmpty)
    }
}
