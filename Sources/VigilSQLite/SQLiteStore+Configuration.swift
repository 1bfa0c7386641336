import Foundation
import GRDB

extension SQLiteStore {
    /// Where the database lives and how it trades durability for speed.
    public struct Configuration: Sendable, Hashable {
        /// How hard SQLite works to make a commit survive a crash (`PRAGMA synchronous`).
        public enum Synchronous: String, Sendable, Hashable, CaseIterable {
            /// Every commit is flushed to disk before it returns: a committed
            /// transaction survives power loss. The default.
            case full
            /// The log is flushed only at checkpoints: the database stays consistent,
            /// but the last commits before a power loss may be lost.
            case normal
            /// No flushing at all; for throwaway databases only.
            case off

            /// The value for `PRAGMA synchronous`.
            var pragmaValue: String { rawValue.uppercased() }
        }

        /// Path of the database file; SQLite keeps `-wal` and `-shm` files beside it.
        public var path: String
        /// Durability of commits. Default: `.full`, so that Vigil acknowledges only what is durable.
        public var synchronous: Synchronous
        /// How long a connection waits for another process's lock before failing
        /// with `StoreError.unavailable`. Default: 5 seconds.
        public var busyTimeout: Duration
        /// How many pages the write-ahead log may hold before SQLite copies them
        /// into the database file (`PRAGMA wal_autocheckpoint`). Default: 10,000
        /// (about 40 MB). SQLite's own default, 1,000, checkpoints after almost
        /// every batch of readings, rewriting the same index pages each time;
        /// fewer, larger checkpoints made batch inserts about 40% faster.
        /// Durability does not depend on it: a commit is durable once it is in the log.
        public var walAutocheckpointPages: Int
        /// How often a connection of its own copies the write-ahead log into
        /// the database file, so that commits seldom wait for a checkpoint;
        /// nil leaves checkpoints to the writer alone. Default: 200 ms.
        public var checkpointInterval: Duration?
        /// Read connections open at once beside the one writer. Default: 16, so
        /// that live evaluation's workers and API requests rarely wait for one.
        public var maximumReaders: Int

        /// A configuration for the database at `path`; the other settings take their defaults.
        public init(
            path: String, synchronous: Synchronous = .full, busyTimeout: Duration = .seconds(5),
            walAutocheckpointPages: Int = 10_000, checkpointInterval: Duration? = .milliseconds(200),
            maximumReaders: Int = 16
        ) {
            self.path = path
            self.synchronous = synchronous
            self.busyTimeout = busyTimeout
            self.walAutocheckpointPages = walAutocheckpointPages
            self.checkpointInterval = checkpointInterval
            self.maximumReaders = max(1, maximumReaders)
        }

        /// The settings every connection applies when it opens.
        var pragmas: String {
            """
            PRAGMA synchronous = \(synchronous.pragmaValue);
            PRAGMA wal_autocheckpoint = \(max(walAutocheckpointPages, 0))
            """
        }

        /// The GRDB configuration for every connection of the pool.
        var grdbConfiguration: GRDB.Configuration {
            var configuration = GRDB.Configuration()
            configuration.foreignKeysEnabled = true
            configuration.maximumReaderCount = maximumReaders
            let timeout = busyTimeout.components
            configuration.busyMode = .timeout(Double(timeout.seconds) + Double(timeout.attoseconds) / 1e18)
            let pragmas = self.pragmas
            configuration.prepareDatabase { db in try db.execute(sql: pragmas) }
            return configuration
        }
    }
}
