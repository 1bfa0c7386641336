import ArgumentParser
import Foundation
import VigilCore
import VigilSQLite

/// `vigil-bench store-insert`: batch insert through the store against the
/// database's own bulk tool (see ``SQLiteInsertBenchmark`` and ``PostgresInsertBenchmark``).
struct StoreInsertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store-insert",
        abstract: "Batch-insert generated readings through the store and through sqlite3 or psql COPY.")

    /// The database a run measures.
    enum Backend: String, ExpressibleByArgument, CaseIterable, Sendable {
        case sqlite
        case postgres
    }

    @Option(help: "The store to measure: sqlite or postgres.")
    var backend: Backend

    @Option(help: "How many readings to insert.")
    var rows = 1_000_000

    @Option(help: "Readings per transaction.")
    var batch = 1000

    @Option(help: "Timed runs of each side, each on fresh databases; the report gives median and best.")
    var runs = 1

    @Option(help: "How many patients the readings belong to.")
    var patients = 100

    @Option(help: "Seed of the generated readings.")
    var seed: UInt64 = 2026

    @Option(help: "SQLite only: PRAGMA synchronous for store and baseline (full, normal, off).")
    var synchronous = "full"

    @Option(
        name: .customLong("postgres-url"),
        help: "PostgreSQL only: a server URL (default: $VIGIL_TEST_POSTGRES_URL); databases are created and dropped there."
    )
    var postgresURL: String?

    @Flag(help: "Keep the temporary folder with the databases and baseline files, and print its path.")
    var keepFiles = false

    /// Rejects sizes that are not positive, an unknown `--synchronous`, and PostgreSQL without a URL.
    func validate() throws {
        guard rows > 0, batch > 0, patients > 0, runs > 0 else {
            throw ValidationError("--rows, --batch, --runs and --patients must be positive")
        }
        guard SQLiteStore.Configuration.Synchronous(rawValue: synchronous) != nil else {
            throw ValidationError("--synchronous must be full, normal or off")
        }
        if backend == .postgres, resolvedPostgresURL == nil {
            throw ValidationError(
                "PostgreSQL needs --postgres-url or VIGIL_TEST_POSTGRES_URL (eval \"$(scripts/postgres-test-cluster.sh start)\")")
        }
    }

    /// Runs the benchmark and prints its report.
    func run() async throws {
        progress("generating \(Format.thousands(rows)) readings for \(patients) patients (seed \(seed))")
        var generatorConfiguration = ReadingGenerator.Configuration()
        generatorConfiguration.patients = patients
        generatorConfiguration.seed = seed
        let readings = ReadingGenerator(configuration: generatorConfiguration).readings(count: rows)
        let batches = stride(from: 0, to: readings.count, by: batch).map {
            Array(readings[$0..<min($0 + batch, readings.count)])
        }

        let scratch = try ScratchDirectory()
        defer {
            if keepFiles { progress("kept \(scratch.path)") } else { scratch.remove() }
        }
        let report: BenchmarkReport
        switch backend {
        case .sqlite:
            report = try await SQLiteInsertBenchmark(
                batches: batches, synchronous: SQLiteStore.Configuration.Synchronous(rawValue: synchronous) ?? .full,
                runs: runs, scratch: scratch
            ).run()
        case .postgres:
            report = try await PostgresInsertBenchmark(
                batches: batches, serverURL: resolvedPostgresURL ?? "", runs: runs, scratch: scratch
            ).run()
        }
        try report.print()
    }

    /// `--postgres-url`, else `VIGIL_TEST_POSTGRES_URL`.
    private var resolvedPostgresURL: String? {
        postgresURL ?? ProcessInfo.processInfo.environment["VIGIL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
