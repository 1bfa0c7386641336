import Foundation
import VigilCore
import VigilSQLite
import VigilSecurity
import VigilStore

/// Hourly chart buckets on SQLite: `store.readings.buckets(of:type:from:to:width:)`
/// over one patient's heart rate once a second, against the `sqlite3` tool
/// running the same aggregate SQL on the same file.
///
/// The series is inserted beforehand through the store with `synchronous=OFF`
/// (untimed). Each side runs once untimed (to check its result and warm the
/// page cache), then `runs` times, alternating; the report gives median and best.
struct BucketBenchmark {
    /// How many days of once-a-second readings to aggregate.
    let days: Int
    /// Timed runs of each side.
    let runs: Int
    /// Seed of the series.
    let seed: UInt64
    /// Where the database is written.
    let scratch: ScratchDirectory

    /// The first reading's time: 2026-01-01T00:00:00Z, the start of an hourly bucket.
    private static let start = Date(millisecondsSince1970: 1_767_225_600_000)

    /// Fills the database, runs both sides and compares them.
    func run() async throws -> BenchmarkReport {
        let sqlite3 = try ExternalTool(named: "sqlite3")
        let path = scratch.file("buckets.sqlite")
        let rows = days * 86_400
        let expectedBuckets = days * 24
        let series = HeartRateSeries(start: Self.start, count: rows, seed: seed)
        let from = Self.start
        let to = Date(millisecondsSince1970: Self.start.millisecondsSince1970 + Int64(rows) * 1000)

        progress("inserting \(Format.thousands(rows)) heart-rate readings (untimed)")
        let loader = try SQLiteStore(configuration: .init(path: path, synchronous: .off), sealer: SHA256AuditSealer())
        _ = try await loader.migrate()
        try await series.forEachBatch(of: 10_000) { batch in try await loader.readings.insert(batch) }
        try await loader.close()
        // The loader did not flush; nothing it wrote is flushed during the timing.
        sync()

        let store = try SQLiteStore(configuration: .init(path: path), sealer: SHA256AuditSealer())
        let sql = """
            SELECT (measured_at / 3600000) * 3600000 AS start, min(value), max(value), avg(value), count(*) \
            FROM readings WHERE patient_id = '\(series.patientID.rawValue)' AND type = 'heartRate' \
            AND measured_at >= \(from.millisecondsSince1970) AND measured_at < \(to.millisecondsSince1970) \
            GROUP BY 1 ORDER BY 1
            """
        let toolArguments = ["-init", "/dev/null", path, sql]

        // Untimed: both answers must agree and have one bucket per hour.
        let storeBuckets = try await store.readings.buckets(
            of: series.patientID, type: .heartRate, from: from, to: to, width: .hour)
        let toolLines = try sqlite3.output(toolArguments).split(separator: "\n")
        try check(storeBuckets: storeBuckets, toolLines: toolLines, expected: expectedBuckets, rows: rows)

        progress("timing \(runs) runs of each side")
        var storeTimings = Timings()
        var toolTimings = Timings()
        for _ in 0..<runs {
            var count = 0
            storeTimings.record(
                try await Stopwatch.seconds {
                    count = try await store.readings.buckets(
                        of: series.patientID, type: .heartRate, from: from, to: to, width: .hour
                    ).count
                })
            guard count == expectedBuckets else { throw BenchmarkError("the store returned \(count) buckets") }
            toolTimings.record(try await Stopwatch.seconds { try sqlite3.run(toolArguments) })
        }
        try await store.close()

        let storeFigures = BenchmarkReport.Measurement(
            name: "SQLiteStore (store.readings.buckets, .hour)", timings: storeTimings)
        let toolFigures = BenchmarkReport.Measurement(name: "sqlite3 CLI (same SQL, same file)", timings: toolTimings)
        return BenchmarkReport(
            benchmark: "buckets", backend: "sqlite",
            title: "SQLite hourly buckets: \(days) day\(days == 1 ? "" : "s") of one heart-rate reading per second for one patient "
                + "(\(Format.thousands(rows)) rows, \(expectedBuckets) buckets)",
            rows: rows, store: storeFigures, baseline: toolFigures,
            ratio: storeFigures.seconds / max(toolFigures.seconds, .leastNonzeroMagnitude),
            ratioDefinition: "store median time ÷ baseline median time", target: 1.5, goal: .atMost,
            checks: "both return the same \(expectedBuckets) buckets (starts and counts), "
                + "covering all \(Format.thousands(rows)) rows")
    }

    /// Checks that the store and the tool return the same bucket starts and
    /// counts, `expected` buckets covering all `rows` readings.
    private func check(
        storeBuckets: [ReadingBucket], toolLines: [Substring], expected: Int, rows: Int
    ) throws {
        guard storeBuckets.count == expected else {
            throw BenchmarkError("the store returned \(storeBuckets.count) buckets, expected \(expected)")
        }
        guard toolLines.count == expected else {
            throw BenchmarkError("sqlite3 returned \(toolLines.count) buckets, expected \(expected)")
        }
        for (bucket, line) in zip(storeBuckets, toolLines) {
            let fields = line.split(separator: "|")
            guard fields.count == 5, Int64(fields[0]) == bucket.start.millisecondsSince1970,
                Int(fields[4]) == bucket.count
            else {
                throw BenchmarkError("the store and sqlite3 disagree on a bucket: \(line)")
            }
        }
        let covered = storeBuckets.reduce(0) { $0 + $1.count }
        guard covered == rows else { throw BenchmarkError("the buckets cover \(covered) rows, expected \(rows)") }
    }
}
