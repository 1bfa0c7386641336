import Foundation
import VigilCore
import VigilSQLite
import VigilSecurity

/// Batch insert on SQLite: `SQLiteStore` through `store.readings.insert`, one
/// transaction per batch, against the `sqlite3` tool running multi-row
/// `INSERT`s of the same rows, batch for batch, into a database migrated the
/// same way, with the same WAL mode and `synchronous` level.
///
/// Both sides are timed from opening the database to closing it, so the
/// store pays for opening its pool and the final checkpoint as the tool does.
/// Each run starts from two fresh databases; runs alternate which side goes first.
struct SQLiteInsertBenchmark {
    /// The rows, already split into batches.
    let batches: [[Reading]]
    /// `PRAGMA synchronous` for both sides.
    let synchronous: SQLiteStore.Configuration.Synchronous
    /// Timed runs of each side.
    let runs: Int
    /// Where the databases and the SQL script are written.
    let scratch: ScratchDirectory

    /// Runs both sides `runs` times and compares their medians.
    func run() async throws -> BenchmarkReport {
        let sqlite3 = try ExternalTool(named: "sqlite3")
        let rows = batches.reduce(0) { $0 + $1.count }
        let scriptPath = scratch.file("baseline.sql")
        progress("writing the sqlite3 script for \(Format.thousands(rows)) rows (untimed)")
        try SQLiteInsertScript.write(batches, synchronous: synchronous.rawValue.uppercased(), to: scriptPath)

        var storeTimings = Timings()
        var baselineTimings = Timings()
        var checks = ""
        for round in 0..<runs {
            let storePath = scratch.file("store-\(round).sqlite")
            let baselinePath = scratch.file("baseline-\(round).sqlite")
            // Untimed: both schemas from the store's migrations.
            for path in [storePath, baselinePath] {
                let store = try SQLiteStore(
                    configuration: .init(path: path, synchronous: synchronous), sealer: SHA256AuditSealer())
                _ = try await store.migrate()
                try await store.close()
            }
            let storeFirst = round.isMultiple(of: 2)
            for storeTurn in storeFirst ? [true, false] : [false, true] {
                // Nothing written earlier (the script, the other database) is flushed during the timing.
                sync()
                if storeTurn {
                    progress("run \(round + 1)/\(runs): inserting through SQLiteStore")
                    storeTimings.record(try await Stopwatch.seconds { try await insertThroughStore(into: storePath) })
                } else {
                    progress("run \(round + 1)/\(runs): inserting through sqlite3")
                    baselineTimings.record(
                        try await Stopwatch.seconds {
                            try sqlite3.run(["-bail", "-init", "/dev/null", baselinePath], input: scriptPath)
                        })
                }
            }
            checks = try verify(sqlite3: sqlite3, storePath: storePath, baselinePath: baselinePath, rows: rows)
            for path in [storePath, baselinePath] {
                for file in [path, path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
            }
        }

        let batchSize = batches.first?.count ?? 0
        return BenchmarkReport.insertComparison(
            backend: "sqlite",
            title: "SQLite batch insert: \(Format.thousands(rows)) readings in batches of \(Format.thousands(batchSize)), "
                + "one transaction each, WAL, synchronous=\(synchronous.rawValue.uppercased())",
            rows: rows, store: ("SQLiteStore (store.readings.insert)", storeTimings),
            baseline: ("sqlite3 CLI (multi-row INSERT per batch)", baselineTimings), target: 1.0, checks: checks)
    }

    /// Opens the store, inserts every batch, and closes it: the timed part.
    private func insertThroughStore(into path: String) async throws {
        let store = try SQLiteStore(configuration: .init(path: path, synchronous: synchronous), sealer: SHA256AuditSealer())
        for batch in batches {
            try await store.readings.insert(batch)
        }
        try await store.close()
    }

    /// Checks that both databases hold the same `rows` rows; returns what was checked.
    private func verify(sqlite3: ExternalTool, storePath: String, baselinePath: String, rows: Int) throws -> String {
        let checksum = """
            SELECT count(*), sum(measured_at), sum(received_at), sum(length(patient_id || type || original_value
                || ifnull(device_id, '') || ifnull(original_unit, '') || ifnull(message_id, ''))), printf('%.6f', sum(value))
            FROM readings;
            """
        let fromStore = try sqlite3.output(["-init", "/dev/null", storePath, checksum])
        let fromBaseline = try sqlite3.output(["-init", "/dev/null", baselinePath, checksum])
        guard fromStore == fromBaseline else {
            throw BenchmarkError("the two databases differ: store \(fromStore), baseline \(fromBaseline)")
        }
        guard fromStore.hasPrefix("\(rows)|") else {
            throw BenchmarkError("expected \(rows) rows, found \(fromStore)")
        }
        return "after every run both databases hold the same \(Format.thousands(rows)) rows (count and column checksums)"
    }
}
