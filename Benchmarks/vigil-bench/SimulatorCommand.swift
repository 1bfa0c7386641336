import ArgumentParser

/// `vigil-bench simulator`: the device simulator's generation rate alone
/// against the rate Vigil absorbs the same messages (``SimulatorBenchmark``).
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulator",
        abstract: "vigil simulate --dry-run's message rate against what vigil serve absorbs from vigil simulate (HTTPS).")

    @Option(help: "The vigil executable (default: vigil beside vigil-bench, a release build).")
    var vigil: String?

    @Option(help: "Seconds of each run.")
    var seconds = 30

    @Option(help: "Simulated devices the messages go round.")
    var devices = 200

    @Option(help: "Messages in flight at most (vigil simulate --connections).")
    var connections = 32

    @Option(help: "Measurements per message (vigil simulate --batch).")
    var batch = 1

    @Option(help: "Chance that a message carries a deliberately bad reading (vigil simulate --bad-readings).")
    var badReadings = 0.02

    @Option(help: "The simulator's seed.")
    var seed: UInt64 = 2026

    @Flag(help: "Keep the temporary folder (data folder, vigil.log, the simulator's summaries), and print its path.")
    var keepFiles = false

    /// Rejects sizes that are out of range.
    func validate() throws {
        guard seconds > 0, devices > 0, connections > 0, batch > 0 else {
            throw ValidationError("--seconds, --devices, --connections and --batch must be positive")
        }
        guard (0...1).contains(badReadings) else { throw ValidationError("--bad-readings must be 0 to 1") }
    }

    /// Runs the benchmark and prints its report.
    func run() async throws {
        let scratch = try ScratchDirectory()
        defer {
            if keepFiles { progress("kept \(scratch.path)") } else { scratch.remove() }
        }
        var configuration = SimulatorBenchmark.Configuration(vigilPath: vigil ?? HTTPSIngestCommand.siblingVigil)
        configuration.seconds = seconds
        configuration.devices = devices
        configuration.connections = connections
        configuration.batch = batch
        configuration.badReadings = badReadings
        configuration.seed = seed
        let result = try await SimulatorBenchmark(configuration: configuration, scratch: scratch).run()
        try SimulatorReport(result, configuration: configuration).print()
    }
}
