import Foundation
import Testing
import TableTalkApp
import TableTalkCore
import TableTalkProtocol
import TableTalkSQLite
import TableTalkTestSupport

/// `encryptAtRest`: raw uploads in the object store are AES-256-GCM encrypted under a key from the environment or
/// a key file; a wrong key, an altered byte or a cut-off file is detected; without a key the server does not start.
@Suite struct EncryptAtRestTests {
    static let key = Data((0..<32).map { UInt8($0 * 7 & 0xFF) })

    static func contains(_ haystack: Data, _ needle: String) -> Bool {
        haystack.range(of: Data(needle.utf8)) != nil
    }

    @Test func objectsAreStoredEncryptedAndOpenToTheSameBytes() async throws {
        let dir = PackagePaths.tempDir("tt-enc")
        let store = LocalObjectStore(root: dir.appendingPathComponent("objects"), encryptionKey: Self.key)
        let plain = UploadHarness.salesCSV(rows: 60_000)  // ~2.4 MB: several 1 MiB chunks
        let source = dir.appendingPathComponent("in.csv")
        try plain.write(to: source)
        try await store.put(key: "local/sales.csv", from: source)
        let stored = try Data(contentsOf: dir.appendingPathComponent("objects/local/sales.csv"))
        #expect(stored.prefix(8) == Data("TTSEAL1\n".utf8))
        #expect(!Self.contains(stored, "Region,Sales") && !Self.contains(stored, "Europe"))
        #expect(!FileManager.default.fileExists(atPath: source.path), "the plain source is gone")
        let opened = try await store.localFile(for: "local/sales.csv")
        #expect(try Data(contentsOf: opened) == plain)
        #expect(FilePermissionTests.exposed(under: dir.appendingPathComponent("objects")).isEmpty)
    }

    @Test func wrongKeyAlteredByteAndTruncationAreRefused() async throws {
        let dir = PackagePaths.tempDir("tt-enc")
        let root = dir.appendingPathComponent("objects")
        let store = LocalObjectStore(root: root, encryptionKey: Self.key)
        let source = dir.appendingPathComponent("in.csv")
        try UploadHarness.salesCSV(rows: 30_000).write(to: source)
        try await store.put(key: "local/a.csv", from: source)
        let file = root.appendingPathComponent("local/a.csv")
        let sealed = try Data(contentsOf: file)

        let other = LocalObjectStore(root: root, encryptionKey: Data(repeating: 1, count: 32))
        await #expect(throws: TableTalkError.self) { try await other.localFile(for: "local/a.csv") }

        var altered = sealed
        altered[altered.count / 2] ^= 0x01
        try altered.write(to: file)
        await #expect(throws: TableTalkError.self) { try await store.localFile(for: "local/a.csv") }

        // Without the final record (an empty one: flag, length, nonce, tag) the file reads as cut off.
        try sealed.prefix(sealed.count - (1 + 4 + 12 + 16)).write(to: file)
        await #expect(throws: TableTalkError.self) { try await store.localFile(for: "local/a.csv") }

        try sealed.write(to: file)
        #expect(try Data(contentsOf: try await store.localFile(for: "local/a.csv")).count > 0)
    }

    @Test func configurationNeedsAKeyWhenEncryptionIsOn() throws {
        let dir = PackagePaths.tempDir("tt-enc")
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: ["TABLETALK_ENCRYPT_AT_REST": "true"]).load(dataDirFlag: dir.path, configFile: nil)
        }
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: ["TABLETALK_ENCRYPT_AT_REST": "true", "TABLETALK_ENCRYPTION_KEY": "c2hvcnQ="])
                .load(dataDirFlag: dir.path, configFile: nil)
        }
        let env = try ConfigurationLoader(
            environment: ["TABLETALK_ENCRYPT_AT_REST": "true", "TABLETALK_ENCRYPTION_KEY": Self.key.base64EncodedString()]
        ).load(dataDirFlag: dir.path, configFile: nil)
        #expect(env.atRestKey == Self.key)

        let keyFile = dir.appendingPathComponent("at-rest.key")
        try (Self.key.base64EncodedString() + "\n").write(to: keyFile, atomically: true, encoding: .utf8)
        try #"{"encryptAtRest": true, "encryptionKeyFile": "\#(keyFile.path)"}"#.write(
            to: dir.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
        let file = try ConfigurationLoader(environment: [:]).load(dataDirFlag: dir.path, configFile: nil)
        #expect(file.atRestKey == Self.key)
        #expect(try ConfigurationLoader(environment: [:]).load(dataDirFlag: PackagePaths.tempDir().path, configFile: nil).atRestKey == nil)
    }

    /// Through the whole runtime: an uploaded CSV is queryable, and its kept raw file is ciphertext.
    @Test func uploadedRawFilesAreEncryptedAndTablesStillAnswer() async throws {
        let h = try UploadHarness { $0.encryptAtRest = true; $0.encryptionKey = Self.key }
        let client = try await h.client()
        let result = try await client.upload(UploadHarness.salesCSV(rows: 300), name: "sales.csv")
        #expect(result.table.rowCount == 300)
        let rows = try await client.call(QueryRunRequest(sql: "SELECT count(*) FROM sales")).rows
        #expect(rows.first?.first == .int(300))
        let objects = h.dataDir.appendingPathComponent("objects")
        let files = (FileManager.default.enumerator(atPath: objects.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".csv") }
        try #require(files.count == 1, "one raw file kept: \(files)")
        let stored = try Data(contentsOf: objects.appendingPathComponent(files[0]))
        #expect(stored.prefix(8) == Data("TTSEAL1\n".utf8))
        #expect(!Self.contains(stored, "Europe"))
    }
}
