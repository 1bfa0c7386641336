import ArgumentParser
import Foundation

/// `vigil-bench webhooks`: webhook relay throughput to ten loopback endpoints
/// while the HTTPS ingest load runs, and what the relay costs that load
/// (``IngestComparison`` with and without webhooks).
struct WebhookRelayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "Webhook deliveries/s to ten loopback endpoints under the HTTPS ingest load, and the load's cost.")

    @Option(help: "The vigil executable (default: vigil beside vigil-bench, a release build).")
    var vigil: String?

    @Option(help: "Seconds of each run.")
    var duration = 30

    @Option(help: "Rounds of runs with and without webhooks.")
    var rounds = 2

    @Option(help: "Webhook endpoints, each subscribed to device.quarantine.")
    var endpoints = 10

    @Option(help: "Refused messages sent before each run; each makes one event per endpoint.")
    var backlog = 10000

    @Flag(help: "Keep the temporary folder (data folders, logs, wrk scripts), and print its path.")
    var keepFiles = false

    /// Rejects sizes that are out of range.
    func validate() throws {
        guard duration > 0, rounds > 0, endpoints > 0, backlog > 0 else {
            throw ValidationError("--duration, --rounds, --endpoints and --backlog must be positive")
        }
    }

    private struct NewEndpoint: Encodable {
        let url: String
        let events: [String]
        let description: String
    }

    private struct CreatedEndpoint: Decodable {
        let id: String
    }

    /// Runs the comparison and prints the report.
    func run() async throws {
        let scratch = try ScratchDirectory()
        defer {
            if keepFiles { progress("kept \(scratch.path)") } else { scratch.remove() }
        }
        let receiver = try await WebhookReceiver.start(endpoints: endpoints)
        var configuration = IngestComparison.Configuration(vigilPath: vigil ?? HTTPSIngestCommand.siblingVigil)
        configuration.seconds = duration
        configuration.rounds = rounds
        let comparison = IngestComparison(configuration: configuration, scratch: scratch)
        let (endpoints, backlog) = (endpoints, backlog)
        let queueBacklog: @Sendable (IngestComparison.Setup) async throws -> Void = { setup in
            progress("sending \(backlog) refused messages")
            try await RefusedTelemetry.send(backlog, devices: setup.devices, deviceURL: setup.deviceURL)
        }
        let relaying = IngestComparison.Variant(
            name: WebhookRelayReport.withWebhooks, arguments: ["--webhooks-allow-insecure-loopback"],
            prepare: { setup in
                for index in 0..<endpoints {
                    _ = try await setup.api.post(
                        "/api/v1/webhooks",
                        NewEndpoint(
                            url: receiver.url(index), events: ["device.quarantine"],
                            description: "Benchmark receiver \(index)"),
                        as: CreatedEndpoint.self)
                }
                try await queueBacklog(setup)
            },
            counter: { receiver.requests },
            check: { databasePath in
                let left = try DurabilityCheck.pendingDeliveries(databasePath: databasePath)
                guard left > 0 else {
                    throw BenchmarkError("the backlog ran out before the load ended; send more with --backlog")
                }
                return "backlog: \(Format.thousands(left)) deliveries still pending after the run, so the relay "
                    + "had work throughout"
            })
        let runs = try await comparison.run([
            IngestComparison.Variant(name: WebhookRelayReport.withoutWebhooks, prepare: queueBacklog), relaying,
        ])
        let tallies = receiver.perEndpoint
        try await receiver.stop()
        try WebhookRelayReport(
            wrkCommand: comparison.wrkCommand, endpoints: endpoints, runs: runs,
            duplicates: tallies.values.reduce(0) { $0 + $1.requests - $1.ids.count }
        ).print()
    }
}
