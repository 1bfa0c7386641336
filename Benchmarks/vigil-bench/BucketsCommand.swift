import ArgumentParser

/// `vigil-bench buckets`: hourly chart buckets through the store against the
/// `sqlite3` tool on the same file (see ``BucketBenchmark``).
struct BucketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "buckets",
        abstract: "Time hourly buckets over one patient's once-a-second heart rate, store against sqlite3.")

    @Option(help: "Days of once-a-second readings (86,400 rows a day).")
    var days = 30

    @Option(help: "Timed runs of each side; the report gives median and best.")
    var runs = 5

    @Option(help: "Seed of the generated series.")
    var seed: UInt64 = 2026

    @Flag(help: "Keep the temporary folder with the databases and baseline files, and print its path.")
    var keepFiles = false

    /// Rejects sizes that are not positive.
    func validate() throws {
        guard days > 0, runs > 0 else { throw ValidationError("--days and --runs must be positive") }
    }

    /// Runs the benchmark and prints its report.
    func run() async throws {
        let scratch = try ScratchDirectory()
        defer {
            if keepFiles { progress("kept \(scratch.path)") } else { scratch.remove() }
        }
        let report = try await BucketBenchmark(days: days, runs: runs, seed: seed, scratch: scratch).run()
        try report.print()
    }
}
