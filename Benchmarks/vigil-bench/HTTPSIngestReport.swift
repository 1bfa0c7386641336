import Foundation

/// The figures of `vigil-bench https-ingest`: sustained HTTPS ingest of
/// many-reading requests against the store's batch insert of the same
/// readings, and single-reading requests at the maximum rate and at about half of it.
///
/// Printed as one human-readable line and one JSON line; `vigil-bench report`
/// turns the JSON line into the table of the HTTPS section of `BENCHMARKS.md`.
struct HTTPSIngestReport: Codable, Sendable, BenchmarkOutput {
    /// The ``benchmark`` of every report of this kind.
    static let name = "https-ingest"

    /// The subcommand: `https-ingest`.
    var benchmark = HTTPSIngestReport.name
    /// The database `vigil serve` ran on: `sqlite`.
    var backend = "sqlite"
    /// Devices the requests go round.
    var devices: Int
    /// Patients the devices are spread over.
    var patients: Int
    /// wrk connections (`-c`).
    var connections: Int
    /// wrk threads (`-t`).
    var threads: Int
    /// Length of each measured run, in seconds.
    var durationSeconds: Int
    /// Readings in each request of the sustained run.
    var readingsPerRequest: Int
    /// The wrk command line of each run, without script and URL.
    var wrkCommand: String

    /// The sustained run: `readingsPerRequest` readings per request.
    var bulk: WrkResult
    /// Readings acknowledged per second in the sustained run.
    var bulkReadingsPerSecond: Double
    /// The store inserting the same readings one request's worth per transaction.
    var baselineRequestBatch: StoreInsertBaseline.Figures
    /// The store inserting the same readings 1,000 per transaction: the stricter baseline.
    var baselineLargeBatch: StoreInsertBaseline.Figures
    /// ``bulkReadingsPerSecond`` ÷ the batch-of-1,000 rate; the target applies to it.
    var ratio: Double
    /// ``bulkReadingsPerSecond`` ÷ the one-request-per-transaction rate.
    var ratioRequestBatch: Double
    /// The least ``ratio`` that meets the target.
    var ratioTarget: Double
    /// Whether ``ratio`` is at least ``ratioTarget``.
    var ratioTargetMet: Bool

    /// Single-reading requests as fast as wrk's connections get answers.
    var singleMaximum: WrkResult
    /// Half of ``singleMaximum``'s acknowledged rate: what the paced run aims at.
    var singleHalfTargetRate: Double
    /// The short paced runs that found the delay to use, in order.
    var singleCalibrations: [WrkResult]
    /// Single-reading requests paced to about ``singleHalfTargetRate``.
    var singleHalf: WrkResult
    /// The most p99 latency at half the maximum rate that meets the target, in milliseconds.
    var p99TargetMilliseconds: Double
    /// Whether ``singleHalf``'s p99 is at most ``p99TargetMilliseconds``.
    var p99TargetMet: Bool

    /// What was checked: answers, durability, quarantine.
    var checks: [String]

    /// One line for a person reading the terminal.
    var humanLine: String {
        let perRequest = "\(readingsPerRequest) reading\(readingsPerRequest == 1 ? "" : "s") per request"
        return "HTTPS ingest, \(Format.thousands(devices)) devices, \(wrkCommand): "
            + "\(perRequest) \(Format.thousands(Int(bulkReadingsPerSecond.rounded()))) readings/s "
            + "(\(bulk.latencySummary)) vs SQLiteStore batches of \(Format.thousands(baselineLargeBatch.batch)) "
            + "\(baselineLargeBatch.summary): ratio \(Format.ratio(ratio)) (target ≥ \(Format.ratio(ratioTarget)): "
            + "\(ratioTargetMet ? "target met" : "TARGET MISSED")), batches of \(baselineRequestBatch.batch) "
            + "\(baselineRequestBatch.summary): ratio \(Format.ratio(ratioRequestBatch)); "
            + "single reading: maximum \(Format.requests(singleMaximum.acknowledgedPerSecond)) "
            + "(\(singleMaximum.latencySummary)); at \(Format.requests(singleHalf.acknowledgedPerSecond)) "
            + "p99 \(WrkResult.milliseconds(singleHalf.latency.p99)) (target ≤ \(Format.fixed(p99TargetMilliseconds, decimals: 0)) ms: "
            + "\(p99TargetMet ? "target met" : "TARGET MISSED"))"
    }
}
