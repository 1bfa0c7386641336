import ArgumentParser

/// `vigil-bench`: benchmarks that compare Vigil with a baseline run in the
/// same invocation: the stores against the `sqlite3` and `psql` tools, and
/// HTTPS ingest into `vigil serve` (driven by `wrk`) against the store's batch insert,
/// NEWS2 scoring against a plain Python implementation of the same chart,
/// and the device simulator's generation rate against what Vigil absorbs.
///
/// Each benchmark prints a human-readable line and a JSON line;
/// `scripts/benchmark.sh` runs them all and writes `BENCHMARKS.md`.
@main
struct VigilBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigil-bench",
        abstract: "Benchmarks Vigil against baselines measured in the same invocation.",
        subcommands: [
            StoreInsertCommand.self, BucketsCommand.self, HTTPSIngestCommand.self, NEWS2Command.self, MonitoringCommand.self,
            WebhookRelayCommand.self, DashboardCommand.self,
            ReportCommand.self, MQTTCommand.self, SimulatorCommand.self,
        ])
}
