import Foundation
import VigilCore
import VigilSQLite
import VigilSecurity

/// The storage-only baseline of the HTTPS ingest benchmark: the same readings
/// through `store.readings.insert` on a fresh `SQLiteStore` with the settings
/// `vigil serve` uses (WAL, `synchronous=FULL`, the same migrations), one
/// transaction per batch, timed from opening the database to closing it.
struct StoreInsertBaseline {
    /// The figures of one batch size.
    struct Figures: Codable, Sendable {
        /// Readings per transaction.
        var batch: Int
        /// Readings inserted.
        var rows: Int
        /// Median wall-clock time over the runs, in seconds.
        var seconds: Double
        /// How many timed runs there were.
        var runs: Int
        /// Readings per second at the median time.
        var rowsPerSecond: Double

        /// `12,345 rows/s (24.3 s)`.
        var summary: String { "\(Format.rate(rowsPerSecond)) (\(Format.seconds(seconds)))" }
    }

    /// The readings, in the order Vigil received them.
    let readings: [Reading]
    /// Where the databases are written.
    let scratch: ScratchDirectory

    /// Inserts every reading in batches of `batch`, `runs` times, each into a fresh database.
    ///
    /// - Throws: ``BenchmarkError`` when a database does not hold every reading afterwards.
    func measure(batch: Int, runs: Int) async throws -> Figures {
        let sqlite3 = try ExternalTool(named: "sqlite3")
        let batches = stride(from: 0, to: readings.count, by: batch).map {
            Array(readings[$0..<min($0 + batch, readings.count)])
        }
        var timings = Timings()
        for run in 0..<runs {
            let path = scratch.file("baseline-\(batch)-\(run).sqlite")
            // Untimed: the schema from the store's migrations.
            let migrator = try SQLiteStore(configuration: .init(path: path), sealer: SHA256AuditSealer())
            _ = try await migrator.migrate()
            try await migrator.close()
            sync()
            progress("baseline: \(Format.thousands(readings.count)) readings in batches of \(batch), run \(run + 1)/\(runs)")
            timings.record(
                try await Stopwatch.seconds {
                    let store = try SQLiteStore(configuration: .init(path: path), sealer: SHA256AuditSealer())
                    for batch in batches { try await store.readings.insert(batch) }
                    try await store.close()
                })
            let count = try sqlite3.output(["-init", "/dev/null", path, "SELECT count(*) FROM readings"])
            guard Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) == readings.count else {
                throw BenchmarkError("the baseline database holds \(count) readings, expected \(readings.count)")
            }
            for file in [path, path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
        }
        return Figures(
            batch: batch, rows: readings.count, seconds: timings.median, runs: runs,
            rowsPerSecond: Double(readings.count) / max(timings.median, .leastNonzeroMagnitude))
    }
}
