import Dispatch

/// Copies a large WAL back into the database after a bulk load has committed, off the caller's path.
/// SQLite keeps the data durable and visible either way; this only shortens the WAL readers walk through.
enum BackgroundCheckpoint {
    private final class Box: @unchecked Sendable {
        let connection: SQLiteConnection
        init(_ c: SQLiteConnection) { connection = c }
    }

    private static let queue = DispatchQueue(label: "tabletalk.sqlite.checkpoint", qos: .utility)

    /// Takes ownership of `connection`, checkpoints on a background queue, then closes it.
    static func schedule(_ connection: SQLiteConnection) {
        let box = Box(connection)
        queue.async { try? box.connection.execute("PRAGMA wal_checkpoint(PASSIVE)") }
    }
}
