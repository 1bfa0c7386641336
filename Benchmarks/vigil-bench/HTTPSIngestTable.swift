import Foundation

/// The Markdown table of the HTTPS section of `BENCHMARKS.md`: the sustained
/// run against the store's batch insert, and the single-reading runs.
enum HTTPSIngestTable {
    /// The table, header included, then what was checked.
    static func render(_ reports: [HTTPSIngestReport]) -> String {
        MarkdownTable.results(
            vigil: "Vigil (`vigil serve`, release)", baseline: "Baseline (same run)", rows: reports.flatMap(rows),
            checks: reports.flatMap(\.checks))
    }

    private static func rows(_ report: HTTPSIngestReport) -> [[String]] {
        let fleet = "from \(Format.thousands(report.devices)) devices (\(report.patients) patients) over "
            + "\(report.connections) connections (`\(report.wrkCommand)`), SAS-authenticated, TLS, synchronous=FULL"
        let large = report.baselineLargeBatch
        let small = report.baselineRequestBatch
        let bulk = [
            "Sustained HTTPS ingest: \(report.readingsPerRequest) readings per request \(fleet)",
            "\(Format.thousands(Int(report.bulkReadingsPerSecond.rounded()))) readings/s "
                + "(\(Format.requests(report.bulk.acknowledgedPerSecond)), "
                + "\(Format.thousands(report.bulk.acknowledged)) acknowledged); latency \(report.bulk.latencySummary)",
            "SQLiteStore (store.readings.insert), the same \(Format.thousands(large.rows)) readings, fresh database: "
                + "batches of \(Format.thousands(large.batch)) \(large.summary); "
                + "batches of \(small.batch) (one request's readings per transaction) \(small.summary)",
            "\(Format.ratio(report.ratio)) against batches of \(Format.thousands(large.batch)); "
                + "\(Format.ratio(report.ratioRequestBatch)) against batches of \(small.batch) "
                + "(Vigil readings/s ÷ store rows/s)",
            "≥ \(Format.ratio(report.ratioTarget)) against batches of \(Format.thousands(large.batch)), the stricter",
            report.ratioTargetMet ? "yes" : "**no**",
        ]
        let maximum = [
            "Single-reading requests (`{\"heartRate\": N}`) \(fleet): maximum rate",
            "\(Format.requests(report.singleMaximum.acknowledgedPerSecond)); latency \(report.singleMaximum.latencySummary)",
            "—", "—", "(the maximum the half-rate run is paced from)", "—",
        ]
        let half = report.singleHalf
        let share = half.acknowledgedPerSecond / max(report.singleMaximum.acknowledgedPerSecond, .leastNonzeroMagnitude)
        let delay = half.delayMilliseconds.map { Format.fixed($0, decimals: 2) } ?? "0"
        let paced = [
            "Single-reading requests at about half the maximum rate (wrk `delay()` of \(delay) ms per request "
                + "per connection; closed loop, see Method)",
            "\(Format.requests(half.acknowledgedPerSecond)) (\(Format.ratio(share)) of the maximum); "
                + "latency \(half.latencySummary)",
            "—", "p99 \(WrkResult.milliseconds(half.latency.p99))",
            "p99 ≤ \(Format.fixed(report.p99TargetMilliseconds, decimals: 0)) ms",
            report.p99TargetMet ? "yes" : "**no**",
        ]
        return [bulk, maximum, paced]
    }
}
