import ArgumentParser
import Foundation

/// `vigil-bench monitoring`: what live evaluation costs ingest
/// (``EvaluationCostBenchmark``) and how fast alerts reach a subscribed
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
        var cost = EvaluationCostBenchmark.Configuration(vigilPath: vigilPath)
        cost.seconds = duration
        cost.rounds = rounds
        let runs = try await EvaluationCostBenchmark(configuration: cost, scratch: scratch).run()
        var latency = AlertLatencyBenchmark.Configuration(vigilPath: vigilPath)
        latency.patients = alertPatients
        latency.seconds = alertDuration
        let alerts = try await AlertLatencyBenchmark(configuration: latency, scratch: scratch).run()
        try MonitoringReport(
            wrkCommand: Wrk.commandLine(threads: cost.threads, connections: cost.connections, seconds: cost.seconds),
            evaluationRuns: runs, alertLatency: alerts
        ).print()
    }
}
