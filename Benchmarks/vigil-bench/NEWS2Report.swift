import Foundation

/// The figures of `vigil-bench news2`: Swift's scoring time against the
/// Python baseline's on the same sets, measured in the same invocation.
///
/// Printed as one human-readable line and one JSON line (keys sorted).
struct NEWS2Report: Codable, Sendable, BenchmarkOutput {
    /// The subcommand's name, as every JSON line of `vigil-bench` names its benchmark.
    static let name = "news2"

    /// Always ``name``.
    var benchmark = NEWS2Report.name
    /// How many observation sets each side scored.
    var sets: Int
    /// The generator's seed.
    var seed: UInt64
    /// Timed Swift runs.
    var swiftRuns: Int
    /// The median Swift run, in seconds.
    var swiftMedianSeconds: Double
    /// The fastest Swift run, in seconds.
    var swiftBestSeconds: Double
    /// Sets per second at the median Swift time.
    var swiftSetsPerSecond: Double
    /// The Python baseline's scoring time (one run), in seconds.
    var pythonSeconds: Double
    /// Sets per second for the Python baseline.
    var pythonSetsPerSecond: Double
    /// The Python interpreter, such as `Python 3.11.7`.
    var python: String
    /// Python seconds ÷ Swift median seconds.
    var ratio: Double
    /// The ratio Swift must reach at least.
    var target: Double
    /// Whether ``ratio`` is at least ``target``.
    var targetMet: Bool
    /// The checksum both sides computed (they must agree for a report to exist).
    var checksum: String
    /// The sum of the totals, both sides.
    var totalSum: Int
    /// How many scores were partial, both sides.
    var partial: Int

    /// One line for a person reading the terminal.
    var humanLine: String {
        let swift = "Swift \(Format.seconds(swiftMedianSeconds)) median, \(Format.seconds(swiftBestSeconds)) best "
            + "of \(swiftRuns) (\(Self.setsRate(swiftSetsPerSecond)))"
        let baseline = "\(python) news2.py \(Format.seconds(pythonSeconds)) (\(Self.setsRate(pythonSetsPerSecond)))"
        return "NEWS2 scoring of \(Format.thousands(sets)) sets (seed \(seed)): \(swift); \(baseline); "
            + "ratio \(Format.ratio(ratio)) (Python time ÷ Swift median time, target ≥ \(Format.ratio(target))): "
            + (targetMet ? "target met" : "TARGET MISSED") + "; checksum \(checksum) on both sides"
    }

    /// `12,345,678 sets/s`.
    private static func setsRate(_ value: Double) -> String { "\(Format.thousands(Int(value.rounded()))) sets/s" }
}
