import ArgumentParser
import Foundation

/// `vigil-bench https-ingest`: SAS-authenticated HTTPS telemetry into a
/// release `vigil serve`, driven by `wrk`, against the store's batch insert of
/// the same readings (see ``HTTPSIngestBenchmark``).
struct HTTPSIngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "https-ingest",
        abstract: "Load vigil serve with HTTPS telemetry from many devices (wrk) and compare with the store's batch insert.")

    @Option(help: "The vigil executable (default: vigil beside vigil-bench, a release build).")
    var vigil: String?

    @Option(help: "Seconds of each measured wrk run.")
    var duration = 30

    @Option(help: "wrk connections (-c).")
    var connections = 16

    @Option(help: "wrk threads (-t).")
    var threads = 2

    @Option(help: "Devices to provision; requests go round them.")
    var devices = 1000

    @Option(help: "Patients the devices are spread over.")
    var patients = 100

    @Option(help: "Readings per request in the sustained run (1 to 1,000).")
    var readingsPerRequest = 100

    @Option(help: "Timed runs of each baseline batch size; the report gives the median.")
    var baselineRuns = 1

    @Option(help: "Seed of the reading values.")
    var seed: UInt64 = 2026

    @Flag(help: "Keep the temporary folder (data folder, vigil.log, wrk scripts and outputs), and print its path.")
    var keepFiles = false

    /// Rejects sizes that are out of range.
    func validate() throws {
        guard duration > 0, devices > 0, patients > 0, baselineRuns > 0 else {
            throw ValidationError("--duration, --devices, --patients and --baseline-runs must be positive")
        }
        guard threads > 0, connections >= threads else {
            throw ValidationError("--threads must be positive and --connections at least --threads")
        }
        guard (1...1000).contains(readingsPerRequest) else {
            throw ValidationError("--readings-per-request must be 1 to 1,000 (Vigil's limit per message)")
        }
    }

    /// Runs the benchmark and prints its report.
    func run() async throws {
        let scratch = try ScratchDirectory()
        defer {
            if keepFiles { progress("kept \(scratch.path)") } else { scratch.remove() }
        }
        var configuration = HTTPSIngestBenchmark.Configuration(vigilPath: vigil ?? Self.siblingVigil)
        configuration.seconds = duration
        configuration.connections = connections
        configuration.threads = threads
        configuration.devices = devices
        configuration.patients = patients
        configuration.readingsPerRequest = readingsPerRequest
        configuration.baselineRuns = baselineRuns
        configuration.seed = seed
        let report = try await HTTPSIngestBenchmark(configuration: configuration, scratch: scratch).run()
        try report.print()
    }

    /// `vigil` in the folder of this executable: `swift build -c release` puts both there.
    static var siblingVigil: String {
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return executable.deletingLastPathComponent().appendingPathComponent("vigil").path
    }
}
