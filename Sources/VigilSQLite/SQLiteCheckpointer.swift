import Foundation
import GRDB

/// Copies the write-ahead log into the database file from a connection of its
/// own, a few times a second, so that the writer seldom has to.
///
/// SQLite's automatic checkpoint runs on the connection that commits, after
/// its commit: every commit queued behind it waits while it copies and syncs
/// the log (up to `walAutocheckpointPages` pages, tens of megabytes). A
/// passive checkpoint from another connection blocks neither the writer nor
/// the readers. The writer's automatic checkpoint stays as a backstop, and
/// finds little left to copy when it runs.
final class SQLiteCheckpointer: Sendable {
    private let task: Task<Void, Never>

    /// Opens the checkpoint connection and starts checkpointing every `interval`.
    init(configuration: SQLiteStore.Configuration, interval: Duration) throws {
        var grdb = GRDB.Configuration()
        let timeout = configuration.busyTimeout.components
        grdb.busyMode = .timeout(Double(timeout.seconds) + Double(timeout.attoseconds) / 1e18)
        let pragmas = configuration.pragmas
        grdb.prepareDatabase { db in try db.execute(sql: pragmas) }
        let connection = try DatabaseQueue(path: configuration.path, configuration: grdb)
        task = Task.detached(priority: .utility) {
            while (try? await Task.sleep(for: interval)) != nil {
                // A failed checkpoint (the database busy or closing) is retried at the next tick.
                _ = try? await connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            }
            try? connection.close()
        }
    }

    deinit { task.cancel() }

    /// Stops checkpointing and closes the connection.
    func stop() async {
        task.cancel()
        await task.value
    }
}
