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

    /// A world-readable source (a copy keeps its mode) still ends up 0600, in 0700 directories.
    @Test func storedFilesAndDirectoriesArePrivate() async throws {
        let root = dir.url.appendingPathComponent("objects")
        let store = LocalObjectStore(root: root)
        let source = try dir.file("shared.csv", "a,b\n1,2\n")
        chmod(source.path, 0o644)
        try await store.put(key: "local/shared.csv", from: source)
        try await store.put(key: "local/shared.csv", from: try dir.file("again.csv", "a\n"))  // replaced: trash made
        func mode(_ url: URL) -> Int { ((try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions]) as? Int) ?? -1 }
        #expect(mode(root.appendingPathComponent("local/shared.csv")) == 0o600)
        #expect(mode(root.appendingPathComponent("local")) == 0o700)
        #expect(mode(root) == 0o700)
        #expect(mode(root.appendingPathComponent(".trash")) == 0o700)
    }

    @Test func trashIsNotAKey() async throws {
        let store = LocalObjectStore(root: dir.url.appendingPathComponent("objects"))
        #expect(throws: TableTalkError.self) { try store.url(for: ".open/x") }
        #expect(throws: TableTalkError.self) { try store.url(for: ".trash/x") }
        #expect(throws: TableTalkError.self) { try store.url(for: "../x") }
        #expect(try store.url(for: "local/x.csv").lastPathComponent == "x.csv")
    }
}
