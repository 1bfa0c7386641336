import ArgumentParser
import Foundation

/// `vigil-bench mqtt ingest`: QoS 1 telemetry rate, memory per idle TLS
/// connection and latency at half the rate, Vigil against mosquitto (see
/// ``MQTTIngestBenchmark``).
struct MQTTIngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load vigil serve and mosquitto with MQTT telemetry from many devices over TLS and compare them.")

    @Option(help: "The vigil executable (default: vigil beside vigil-bench, a release build).")
    var vigil: String?

    @Option(help: "The mosquitto executable (default: mosquitto on PATH).")
    var mosquitto: String?

    @Option(help: "Seconds of each measured run.")
    var duration = 30

    @Option(help: "Devices publishing telemetry, one connection each.")
    var devices = 1000

    @Option(help: "Patients the devices are spread over.")
    var patients = 100

    @Option(help: "Idle TLS connections of the memory runs (as many devices are provisioned).")
    var idleConnections = 10_000

    @Option(help: "Publishes awaiting PUBACK per connection at most.")
    var window = 10

    @Option(help: "Event loops of the load generator (default: one per core).")
    var threads: Int?

    @Option(help: "Seed of the reading values.")
    var seed: UInt64 = 2026

    @Flag(help: "Keep the temporary folder (data folder, logs, mosquitto.conf), and print its path.")
    var keepFiles = false

    /// Rejects sizes that are out of range.
    func validate() throws {
        guard duration > 0, devices > 0, patients > 0, idleConnections > 0, threads ?? 1 > 0 else {
            throw ValidationError(
                "--duration, --devices, --patients, --idle-connections and --threads must be positive")
        }
        guard (1...65_535).contains(window) else { throw ValidationError("--window must be 1 to 65,535") }
    }

    /// Runs the benchmark and prints its report.
    func run() async throws {
        let scratch = try ScratchDirectory()
        defer {
            if keepFiles { progress("kept \(scratch.path)") } else { scratch.remove() }
        }
        let broker: String
        if let mosquitto {
            broker = mosquitto
        } else {
            guard let found = try? ExternalTool(named: "mosquitto") else {
                throw BenchmarkError("mosquitto is not on PATH; install Debian's broker (apt-get install mosquitto)")
            }
            broker = found.path
        }
        var configuration = MQTTIngestBenchmark.Configuration(
            vigilPath: vigil ?? HTTPSIngestCommand.siblingVigil, mosquittoPath: broker)
        configuration.seconds = duration
        configuration.devices = devices
        configuration.patients = patients
        configuration.idleConnections = idleConnections
        configuration.window = window
        if let threads { configuration.generatorThreads = threads }
        configuration.seed = seed
        let report = try await MQTTIngestBenchmark(configuration: configuration, scratch: scratch).run()
        try report.print()
    }
}
