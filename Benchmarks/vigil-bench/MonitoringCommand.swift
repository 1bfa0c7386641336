import ArgumentParser
import Foundation

/// `vigil-bench monitoring`: what live evaluation costs ingest
/// (``IngestComparison``) and how fast alerts reach a subscribed
/// client (``AlertLatencyBenchmark``), against release `vigil serve` processes.
struct MonitoringCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitoring",
        abstract: "Ingest throughput with live evaluation on and off, and alert latency from 204 to SSE event.")

    @Option(help: "The vigil executable (default: vigil beside vigil-bench, a release build).")
    var vigil: String?

    @Option(help: "Seconds of each evaluation on/off run.")
    var duration = 30

    @Option(help: "Rounds of evaluation on/off runs.")
    var rounds = 2

    @Option(help: "Patients (one device each) in the alert-latency run.")
    var alertPatients = 1000

    @Option(help: "Seconds of the alert-latency run.")
    var alertDuration = 60

    @Flag(help: "Keep the temporary folder (data folders, logs, wrk scripts), and print its path.")
    var keepFiles = false

    /// Rejects sizes that are out of range.
    func validate() throws {
        guard duration > 0, rounds > 0, alertPatients > 0, alertDuration > 0 else {
            throw ValidationError("--duration, --rounds, --alert-patients and --alert-duration must be positive")
        }
    }

    /// Runs both benchmarks and prints the report.
    func run() async throws {
        let scratch = try ScratchDirectory()
        defer {
            if keepFiles { progress("kept \(scratch.path)") } else { scratch.remove() }
        }
        let vigilPath = vigil ?? HTTPSIngestCommand.siblingVigil
        var configuration = IngestComparison.Configuration(vigilPath: vigilPath)
        configuration.seconds = duration
        configuration.rounds = rounds
        let comparison = IngestComparison(configuration: configuration, scratch: scratch)
        let runs = try await comparison.run([Self.evaluation(on: true), Self.evaluation(on: false)])
        var latency = AlertLatencyBenchmark.Configuration(vigilPath: vigilPath)
        latency.patients = alertPatients
        latency.seconds = alertDuration
        let alerts = try await AlertLatencyBenchmark(configuration: latency, scratch: scratch).run()
        try MonitoringReport(wrkCommand: comparison.wrkCommand, evaluationRuns: runs, alertLatency: alerts).print()
    }

    /// A server with live evaluation on or off (`--no-live-evaluation`), checked to have stored NEWS2 scores or none.
    private static func evaluation(on: Bool) -> IngestComparison.Variant {
        IngestComparison.Variant(
            name: on ? "evaluation-on" : "evaluation-off", arguments: on ? [] : ["--no-live-evaluation"],
            check: { databasePath in
                let derived = try DurabilityCheck.derivedScores(databasePath: databasePath)
                guard (derived > 0) == on else {
                    throw BenchmarkError("\(derived) NEWS2 scores were stored with live evaluation \(on ? "on" : "off")")
                }
                return "evaluation \(on ? "on" : "off"): \(Format.thousands(derived)) NEWS2 scores stored"
            })
    }
}
