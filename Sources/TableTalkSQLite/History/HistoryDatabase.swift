import Foundation
import TableTalkCore

/// One principal's open `history.sqlite` (WAL, `synchronous=FULL` so every committed write survives a crash),
/// used by one thread at a time under a lock.
final class HistoryDatabase: @unchecked Sendable {
    private let lock = NSLock()
    private let connection: SQLiteConnection

    static let schema = """
        CREATE TABLE IF NOT EXISTS sessions(
          id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at REAL NOT NULL, updated_at REAL NOT NULL,
          message_count INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS sessions_by_update ON sessions(updated_at DESC);
        CREATE TABLE IF NOT EXISTS messages(
          id TEXT PRIMARY KEY, session_id TEXT NOT NULL, seq INTEGER NOT NULL, role TEXT NOT NULL,
          text TEXT NOT NULL, payload TEXT, created_at REAL NOT NULL, UNIQUE(session_id, seq));
        CREATE TABLE IF NOT EXISTS feedback(
          message_id TEXT PRIMARY KEY, rating INTEGER NOT NULL, comment TEXT, created_at REAL NOT NULL);
        CREATE TABLE IF NOT EXISTS queries(
          id INTEGER PRIMARY KEY AUTOINCREMENT, sql TEXT NOT NULL, elapsed_ms REAL NOT NULL, row_count INTEGER NOT NULL,
          ok INTEGER NOT NULL, created_at REAL NOT NULL, session_id TEXT);
        CREATE TABLE IF NOT EXISTS preferences(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """

    init(path: String) throws {
        connection = try SQLiteConnection(path: path, readOnly: false)
        try connection.execute("PRAGMA journal_mode=WAL")
        try connection.execute("PRAGMA synchronous=FULL")
        try connection.execute(Self.schema)
    }

    /// Runs `body` with the connection, serialized with every other use of this database.
    func use<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        do {
            return try body(connection)
        } catch let failure as SQLiteFailure {
            throw failure.asTableTalkError
        }
    }
}
