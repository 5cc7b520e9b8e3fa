import Foundation
import TableTalkCore
import TableTalkSQLite
import Testing

/// The local object store: replacing and deleting move the old file out of the way at once (it is unlinked in
/// the background), and the trash directory cannot be reached through a key.
@Suite struct LocalObjectStoreTests {
    let dir = TempDir()

    @Test func replaceAndDeleteLeaveOnlyTheNewFile() async throws {
        let store = LocalObjectStore(root: dir.url.appendingPathComponent("objects"))
        try await store.put(key: "local/a.csv", from: try dir.file("one.csv", "old\n"))
        try await store.put(key: "local/a.csv", from: try dir.file("two.csv", "new\n"))
        let file = try await store.localFile(for: "local/a.csv")
        #expect(try String(contentsOf: file, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["a.csv"])
        try await store.delete(key: "local/a.csv")
        #expect(await store.exists(key: "local/a.csv") == false)
        await #expect { try await store.localFile(for: "local/a.csv") } throws: { ($0 as? TableTalkError)?.kind == .uploadNotFound }
    }

    @Test func trashIsNotAKey() async throws {
        let store = LocalObjectStore(root: dir.url.appendingPathComponent("objects"))
        #expect(throws: TableTalkError.self) { try store.url(for: ".trash/x") }
        #expect(throws: TableTalkError.self) { try store.url(for: "../x") }
        #expect(try store.url(for: "local/x.csv").lastPathComponent == "x.csv")
    }
}
