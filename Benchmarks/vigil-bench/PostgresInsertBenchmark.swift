import Foundation
import Logging
import VigilCore
import VigilPostgres
import VigilSecurity

/// Batch insert on PostgreSQL: `PostgresStore` through `store.readings.insert`,
/// one transaction per batch, against `psql` loading the same rows with one
/// `COPY readings (…) FROM STDIN`, each into a fresh database migrated by the store.
///
/// Both sides are timed from connecting to disconnecting. Each run starts from
/// two fresh databases; runs alternate which side goes first.
struct PostgresInsertBenchmark {
    /// The rows, already split into batches.
    let batches: [[Reading]]
    /// A URL of the server; the benchmark creates and drops its own databases there.
    let serverURL: String
    /// Timed runs of each side.
    let runs: Int
    /// Where the `COPY` input is written.
    let scratch: ScratchDirectory

    /// Runs both sides `runs` times and compares their medians.
    func run() async throws -> BenchmarkReport {
        let psql = try ExternalTool(named: "psql")
        let rows = batches.reduce(0) { $0 + $1.count }
        let copyPath = scratch.file("baseline.copy")
        var logger = Logger(label: "vigil-bench")
        logger.logLevel = .error
        progress("writing the COPY input for \(Format.thousands(rows)) rows (untimed)")
        try CopyTextFile.write(batches.flatMap { $0 }, to: copyPath)

        var storeTimings = Timings()
        var baselineTimings = Timings()
        var checks = ""
        for round in 0..<runs {
            let suffix = "\(getpid())_\(round)"
            let storeDatabase = try PostgresScratchDatabase(
                named: "vigil_bench_store_\(suffix)", on: serverURL, psql: psql)
            defer { try? storeDatabase.drop() }
            let baselineDatabase = try PostgresScratchDatabase(
                named: "vigil_bench_copy_\(suffix)", on: serverURL, psql: psql)
            defer { try? baselineDatabase.drop() }
            // Untimed: both schemas from the store's migrations.
            for database in [storeDatabase, baselineDatabase] {
                let store = try PostgresStore(
                    configuration: PostgresStore.Configuration(url: database.url), sealer: SHA256AuditSealer(),
                    logger: logger)
                _ = try await store.migrate()
                try await store.close()
            }

            let storeFirst = round.isMultiple(of: 2)
            for storeTurn in storeFirst ? [true, false] : [false, true] {
                // Nothing written earlier (the COPY input, the other database) is flushed during the timing.
                sync()
                if storeTurn {
                    progress("run \(round + 1)/\(runs): inserting through PostgresStore")
                    storeTimings.record(
                        try await Stopwatch.seconds {
                            try await insertThroughStore(into: storeDatabase.url, logger: logger)
                        })
                } else {
                    progress("run \(round + 1)/\(runs): loading through psql COPY")
                    baselineTimings.record(
                        try await Stopwatch.seconds {
                            try psql.run(
                                PostgresScratchDatabase.arguments(
                                    baselineDatabase.url, "COPY readings (\(ReadingColumns.list)) FROM STDIN"),
                                input: copyPath)
                        })
                }
            }
            checks = try verify(
                psql: psql, storeURL: storeDatabase.url, baselineURL: baselineDatabase.url, rows: rows)
        }

        let batchSize = batches.first?.count ?? 0
        return BenchmarkReport.insertComparison(
            backend: "postgres",
            title: "PostgreSQL batch insert: \(Format.thousands(rows)) readings in batches of "
                + "\(Format.thousands(batchSize)), one transaction each",
            rows: rows, store: ("PostgresStore (store.readings.insert)", storeTimings),
            baseline: ("psql COPY FROM STDIN (one COPY of all rows)", baselineTimings), target: 0.5, checks: checks)
    }

    /// Connects, inserts every batch, and disconnects: the timed part.
    private func insertThroughStore(into url: String, logger: Logger) async throws {
        let store = try PostgresStore(
            configuration: PostgresStore.Configuration(url: url), sealer: SHA256AuditSealer(), logger: logger)
        for batch in batches {
            try await store.readings.insert(batch)
        }
        try await store.close()
    }

    /// Checks that both databases hold the same `rows` rows; returns what was checked.
    private func verify(psql: ExternalTool, storeURL: String, baselineURL: String, rows: Int) throws -> String {
        let checksum = """
            SELECT count(*), sum(measured_at), sum(received_at), sum(length(patient_id || type || original_value
                || coalesce(device_id, '') || coalesce(original_unit, '') || coalesce(message_id, ''))),
                sum(value::numeric)
            FROM readings
            """
        let fromStore = try psql.output(["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", storeURL, "-c", checksum])
        let fromBaseline = try psql.output(["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", baselineURL, "-c", checksum])
        guard fromStore == fromBaseline else {
            throw BenchmarkError("the two databases differ: store \(fromStore), baseline \(fromBaseline)")
        }
        guard fromStore.hasPrefix("\(rows)|") else {
            throw BenchmarkError("expected \(rows) rows, found \(fromStore)")
        }
        return "after every run both databases hold the same \(Format.thousands(rows)) rows (count and column checksums)"
    }
}
