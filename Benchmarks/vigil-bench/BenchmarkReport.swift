import Foundation

/// The figures of one benchmark: the store's, the baseline's measured in the
/// same invocation, their ratio and whether the target is met.
///
/// Printed as one human-readable line and one JSON line; `vigil-bench report`
/// turns the JSON lines into the table in `BENCHMARKS.md`.
struct BenchmarkReport: Codable, Sendable, BenchmarkOutput {
    /// Which way the ratio must lie relative to the target.
    enum Goal: String, Codable, Sendable {
        /// Higher is better (throughput): the ratio must be at least the target.
        case atLeast
        /// Lower is better (time): the ratio must be at most the target.
        case atMost
    }

    /// What one side (the store or its baseline) did and how long it took.
    struct Measurement: Codable, Sendable {
        /// What ran, such as `SQLiteStore (store.readings.insert)`.
        var name: String
        /// The median time over the runs, in seconds.
        var seconds: Double
        /// The fastest run, in seconds.
        var bestSeconds: Double
        /// How many timed runs there were.
        var runs: Int
        /// Rows per second at the median time, for throughput benchmarks.
        var rowsPerSecond: Double?

        /// A measurement from `timings`; with `rows`, also its throughput.
        init(name: String, timings: Timings, rows: Int? = nil) {
            self.name = name
            seconds = timings.median
            bestSeconds = timings.best
            runs = timings.samples.count
            rowsPerSecond = rows.map { Double($0) / max(timings.median, .leastNonzeroMagnitude) }
        }

        /// `52,310 rows/s (19.1 s)`, `52,310 rows/s (median of 3 runs: 19.1 s; best 18.7 s)`
        /// or `0.412 s median, 0.401 s best (5 runs)`.
        var summary: String {
            if let rowsPerSecond, runs == 1 { return "\(Format.rate(rowsPerSecond)) (\(Format.seconds(seconds)))" }
            if let rowsPerSecond {
                return "\(Format.rate(rowsPerSecond)) (median of \(runs) runs: \(Format.seconds(seconds)); "
                    + "best \(Format.seconds(bestSeconds)))"
            }
            return "\(Format.seconds(seconds)) median, \(Format.seconds(bestSeconds)) best (\(runs) runs)"
        }
    }

    /// The subcommand that measured it: `store-insert` or `buckets`.
    var benchmark: String
    /// `sqlite` or `postgres`.
    var backend: String
    /// What was measured, with its sizes and settings.
    var title: String
    /// How many rows the benchmark inserted or aggregated.
    var rows: Int
    /// The Vigil store's figures.
    var store: Measurement
    /// The baseline's figures, measured in the same invocation.
    var baseline: Measurement
    /// The store compared with the baseline; see ``ratioDefinition``.
    var ratio: Double
    /// How ``ratio`` is computed, such as `store rows/s ÷ baseline rows/s`.
    var ratioDefinition: String
    /// The ratio the store must reach (see ``goal``).
    var target: Double
    /// Whether the ratio must be at least or at most ``target``.
    var goal: Goal
    /// Whether ``ratio`` meets ``target``.
    var targetMet: Bool
    /// What was checked about the results (row counts, checksums, bucket counts).
    var checks: String

    /// A report whose ``targetMet`` follows from the ratio, target and goal.
    init(
        benchmark: String, backend: String, title: String, rows: Int, store: Measurement, baseline: Measurement,
        ratio: Double, ratioDefinition: String, target: Double, goal: Goal, checks: String
    ) {
        self.benchmark = benchmark
        self.backend = backend
        self.title = title
        self.rows = rows
        self.store = store
        self.baseline = baseline
        self.ratio = ratio
        self.ratioDefinition = ratioDefinition
        self.target = target
        self.goal = goal
        targetMet = goal == .atLeast ? ratio >= target : ratio <= target
        self.checks = checks
    }

    /// The target as text: `≥ 1.00×` or `≤ 1.50×`.
    var targetText: String { "\(goal == .atLeast ? "≥" : "≤") \(Format.ratio(target))" }

    /// One line for a person reading the terminal.
    var humanLine: String {
        "\(title): store \(store.summary); baseline \(baseline.name) \(baseline.summary); "
            + "ratio \(Format.ratio(ratio)) (\(ratioDefinition), target \(targetText)): "
            + (targetMet ? "target met" : "TARGET MISSED")
    }
}
