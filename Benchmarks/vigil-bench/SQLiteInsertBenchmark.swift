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
struct SQLiteInsertBenchmark {
    /// The rows, already split into batches.
    let batches: [[Reading]]
    /// `PRAGMA synchronous` for both sides.
    let synchronous: SQLiteStore.Configuration.Synchronous
    /// Where the databases and the SQL script are written.
    let scratch: ScratchDirectory

    /// Runs both sides and compares them.
    func run() async throws -> BenchmarkReport {
        let sqlite3 = try ExternalTool(named: "sqlite3")
        let rows = batches.reduce(0) { $0 + $1.count }
        let storePath = scratch.file("store.sqlite")
        let baselinePath = scratch.file("baseline.sqlite")
        let scriptPath = scratch.file("baseline.sql")

        // Untimed: both schemas from the store's migrations, and the tool's script.
        for path in [storePath, baselinePath] {
            let store = try SQLiteStore(configuration: .init(path: path, synchronous: synchronous), sealer: SHA256AuditSealer())
            _ = try await store.migrate()
            try await store.close()
        }
        progress("writing the sqlite3 script for \(Format.thousands(rows)) rows")
        try SQLiteInsertScript.write(batches, synchronous: synchronous.rawValue.uppercased(), to: scriptPath)

        progress("inserting through SQLiteStore")
        var storeTimings = Timings()
        storeTimings.record(
            try await Stopwatch.seconds {
                let store = try SQLiteStore(
                    configuration: .init(path: storePath, synchronous: synchronous), sealer: SHA256AuditSealer())
                for batch in batches {
                    try await store.readings.insert(batch)
                }
                try await store.close()
            })

        progress("inserting through sqlite3")
        var baselineTimings = Timings()
        baselineTimings.record(
            try await Stopwatch.seconds {
                try sqlite3.run(["-bail", "-init", "/dev/null", baselinePath], input: scriptPath)
            })

        let checks = try verify(sqlite3: sqlite3, storePath: storePath, baselinePath: baselinePath, rows: rows)
        let store = BenchmarkReport.Measurement(
            name: "SQLiteStore (store.readings.insert)", timings: storeTimings, rows: rows)
        let baseline = BenchmarkReport.Measurement(
            name: "sqlite3 CLI (multi-row INSERT per batch)", timings: baselineTimings, rows: rows)
        let batchSize = batches.first?.count ?? 0
        return BenchmarkReport(
            benchmark: "store-insert", backend: "sqlite",
            title: "SQLite batch insert: \(Format.thousands(rows)) readings in batches of \(Format.thousands(batchSize)), "
                + "one transaction each, WAL, synchronous=\(synchronous.rawValue.uppercased())",
            rows: rows, store: store, baseline: baseline,
            ratio: (store.rowsPerSecond ?? 0) / max(baseline.rowsPerSecond ?? 0, .leastNonzeroMagnitude),
            ratioDefinition: "store rows/s ÷ baseline rows/s", target: 1.0, goal: .atLeast, checks: checks)
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
        return "both databases hold the same \(Format.thousands(rows)) rows (count and column checksums)"
    }
}
