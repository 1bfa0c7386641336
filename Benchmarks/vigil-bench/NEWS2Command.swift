import ArgumentParser
import VigilAnalytics

/// `vigil-bench news2`: `NEWS2Calculator.score(_:)` over generated observation
/// sets against `Benchmarks/news2-baseline/news2.py` on the same sets, run in
/// the same invocation; both checksums must be identical.
struct NEWS2Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news2",
        abstract: "Time NEWS2 scoring of generated observation sets, Swift against a plain Python implementation.")

    @Option(help: "Observation sets to score.")
    var count = 1_000_000

    @Option(help: "Seed of the SplitMix64 generator (both sides).")
    var seed: UInt64 = 2026

    @Option(help: "Timed Swift runs; the report gives median and best. Python runs once.")
    var runs = 5

    @Option(help: "The Python baseline script.")
    var baseline = "Benchmarks/news2-baseline/news2.py"

    /// The ratio (Python time ÷ Swift median time) issue 4 asks for.
    static let target = 100.0

    /// Rejects sizes that are not positive.
    func validate() throws {
        guard count > 0, runs > 0 else { throw ValidationError("--count and --runs must be positive") }
    }

    /// Runs both sides, checks their checksums agree and prints the report.
    func run() async throws {
        var timings = Timings()
        var reference: NEWS2Checksum?
        for run in 1...runs {
            let pass = NEWS2Scoring.scoreGeneratedSets(count: count, seed: seed)
            guard reference == nil || reference == pass.checksum else {
                throw BenchmarkError("Swift run \(run) gave checksum \(pass.checksum.hexValue), earlier runs another")
            }
            reference = pass.checksum
            timings.record(pass.seconds)
            progress(
                "news2: Swift run \(run) of \(runs): \(Format.seconds(pass.seconds)), checksum \(pass.checksum.hexValue)")
        }
        guard let reference else { throw BenchmarkError("no Swift run") }

        progress("news2: running \(baseline)")
        let python = try NEWS2PythonBaseline(script: baseline).run(count: count, seed: seed)
        guard python.checksum == reference.hexValue, python.totalSum == reference.totalSum,
            python.partial == reference.partialCount
        else {
            throw BenchmarkError(
                "results differ: Swift checksum \(reference.hexValue), sum \(reference.totalSum), "
                    + "partial \(reference.partialCount); Python checksum \(python.checksum), "
                    + "sum \(python.totalSum), partial \(python.partial)")
        }

        let median = max(timings.median, .leastNonzeroMagnitude)
        let ratio = python.seconds / median
        let report = NEWS2Report(
            sets: count, seed: seed, swiftRuns: runs, swiftMedianSeconds: timings.median,
            swiftBestSeconds: timings.best, swiftSetsPerSecond: Double(count) / median,
            pythonSeconds: python.seconds,
            pythonSetsPerSecond: Double(count) / max(python.seconds, .leastNonzeroMagnitude),
            python: try NEWS2PythonBaseline.pythonVersion(), ratio: ratio, target: Self.target,
            targetMet: ratio >= Self.target, checksum: python.checksum, totalSum: python.totalSum,
            partial: python.partial)
        try report.print()
    }
}
