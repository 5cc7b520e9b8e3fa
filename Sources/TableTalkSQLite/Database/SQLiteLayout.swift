import Crypto
public import Foundation
public import TableTalkCore

/// Where the SQLite adapter keeps each principal's files under the data directory:
/// `<dataDir>/users/<dir>/tables.sqlite` (tables + catalog) and `<dataDir>/users/<dir>/history.sqlite`.
///
/// `<dir>` is ``Principal/directoryName`` when the id is already file-system safe; otherwise a short hash
/// of the id is appended (`alice.smith` → `alice_smith-1f2e3d4c`), so two ids that sanitize to the same name
/// (`alice.smith`, `alice_smith`) can never share a database.
public struct SQLiteLayout: Sendable, Hashable {
    public var dataDirectory: URL

    public init(dataDirectory: URL) { self.dataDirectory = dataDirectory }

    public func userDirectory(for principal: Principal) -> URL {
        dataDirectory.appendingPathComponent("users", isDirectory: true)
            .appendingPathComponent(Self.directoryName(for: principal), isDirectory: true)
    }

    public func tablesDatabase(for principal: Principal) -> URL {
        userDirectory(for: principal).appendingPathComponent("tables.sqlite")
    }

    public func historyDatabase(for principal: Principal) -> URL {
        userDirectory(for: principal).appendingPathComponent("history.sqlite")
    }

    /// Scratch space for copies of raw files on their way to the object store.
    public var temporaryDirectory: URL { dataDirectory.appendingPathComponent("tmp", isDirectory: true) }

    /// Collision-free directory name for `principal` (see the type's discussion).
    public static func directoryName(for principal: Principal) -> String {
        let safe = principal.directoryName
        if safe == principal.id { return safe }
        let digest = SHA256.hash(data: Data(principal.id.utf8))
        return safe + "-" + digest.prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    func ensureUserDirectory(for principal: Principal) throws {
        try FileManager.default.createDirectory(at: userDirectory(for: principal), withIntermediateDirectories: true)
    }
}
