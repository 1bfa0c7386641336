import ArgumentParser

/// `vigil-bench`: storage benchmarks that compare the Vigil stores with a
/// baseline run in the same invocation (the `sqlite3` and `psql` tools).
///
/// Each benchmark prints a human-readable line and a JSON line;
/// `scripts/benchmark.sh` runs them all and writes `BENCHMARKS.md`.
@main
struct VigilBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigil-bench",
        abstract: "Benchmarks Vigil's stores against the sqlite3 and psql tools.",
        subcommands: [StoreInsertCommand.self, BucketsCommand.self, ReportCommand.self])
}
