import AsyncHTTPClient
import Foundation
import NIOSSL

/// Alert latency end to end: a release `vigil serve` on SQLite, one device per
/// patient sending one reading a second over HTTPS, every reading one that
/// NEWS2 alerts on (pulse 135: a single parameter scoring 3), and an
/// administrator subscribed to `GET /api/v1/events`. For each reading, the
/// time from its 204 reaching the device to its `alert.created` or
/// `alert.updated` event reaching the subscriber.
struct AlertLatencyBenchmark {
    /// What to run.
    struct Configuration: Sendable {
        /// The `vigil` executable.
        var vigilPath: String
        /// Patients, each with one device. Default 1,000.
        var patients = 1000
        /// Length of the measured run, in seconds. Default 60.
        var seconds = 60
    }

    /// The figures of one run.
    struct Result: Codable, Sendable {
        var patients: Int
        var seconds: Int
        /// Readings answered 204.
        var acknowledged: Int
        /// Sends answered otherwise or not at all.
        var failures: Int
        /// Acknowledged readings per second.
        var readingsPerSecond: Double
        /// Acknowledged readings whose alert event never arrived.
        var missingEvents: Int
        /// Alert events that arrived before the device had its 204 (counted as 0 ms).
        var eventsBeforeAcknowledgement: Int
        /// Alert and other events the subscriber received.
        var alertEvents: Int
        var otherEvents: Int
        /// 204 at the device → alert event at the subscriber, in microseconds.
        var latency: WrkResult.Latency
        /// Request sent → 204 at the device, in microseconds.
        var requestLatency: WrkResult.Latency
        var durability: String
    }

    /// The most p99 latency, in milliseconds.
    static let p99TargetMilliseconds = 50.0
    /// How long to wait for the last events after the last answer.
    static let grace: Duration = .seconds(3)

    let configuration: Configuration
    let scratch: ScratchDirectory

    /// Runs the benchmark.
    func run() async throws -> Result {
        let password = "bench-\(UInt64.random(in: 1...UInt64.max))"
        progress("starting \(configuration.vigilPath) serve")
        let server = try await VigilServerProcess.start(
            executable: configuration.vigilPath, in: scratch, adminPassword: password, name: "alert-latency")
        var clientConfiguration = HTTPClient.Configuration(certificateVerification: .none)
        clientConfiguration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        let measured: (PacedTelemetrySender.Outcome, AlertEventStream, Int64, Int64)
        do {
            measured = try await load(server, client: client, password: password)
        } catch {
            progress("vigil log: \(server.logTail())")
            server.killNow()
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        let (outcome, stream, startedAt, endedAt) = measured
        progress("stopping vigil with SIGTERM")
        try server.stop()
        let durability = try DurabilityCheck.verify(
            [
                DurabilityCheck.Window(
                    name: "alert-latency", acknowledged: outcome.acknowledged.count, readingsPerRequest: 1,
                    startedAt: startedAt, endedAt: endedAt)
            ], databasePath: server.databasePath)
        return result(outcome, stream: stream, durability: durability)
    }

    private func load(_ server: VigilServerProcess, client: HTTPClient, password: String) async throws
        -> (PacedTelemetrySender.Outcome, AlertEventStream, Int64, Int64)
    {
        let api = try await VigilAPIClient.login(
            baseURL: "http://127.0.0.1:\(server.httpPort)", username: "admin", password: password)
        progress("provisioning \(configuration.patients) patients with a device each")
        let devices = try await DeviceFleet.provision(
            devices: configuration.patients, patients: configuration.patients, api: api,
            tokenExpiry: Date().addingTimeInterval(Double(configuration.seconds) * 10 + 3600))
        let stream = AlertEventStream(
            client: client, url: "http://127.0.0.1:\(server.httpPort)/api/v1/events", token: api.token)
        try await stream.ready()
        let sender = PacedTelemetrySender(
            client: client, baseURL: "https://127.0.0.1:\(server.httpsPort)", devices: devices
        ) { time in
            #"{"readings":[{"type":"heartRate","value":135,"time":"\#(time)"}]}"#
        }
        progress(
            "\(configuration.patients) devices sending one reading a second each for \(configuration.seconds) s")
        let startedAt = Date().millisecondsSince1970
        let outcome = await sender.run(for: .seconds(configuration.seconds))
        let endedAt = Date().millisecondsSince1970
        try await Task.sleep(for: Self.grace)
        stream.close()
        return (outcome, stream, startedAt, endedAt)
    }

    private func result(_ outcome: PacedTelemetrySender.Outcome, stream: AlertEventStream, durability: String)
        -> Result
    {
        var latencies: [Int] = []
        var early = 0
        var missing = 0
        for acknowledgement in outcome.acknowledged {
            guard let arrival = stream.arrival(of: acknowledgement.key) else {
                missing += 1
                continue
            }
            let latency = (arrival - acknowledgement.acknowledgedAt).microseconds
            if latency < 0 { early += 1 }
            latencies.append(max(0, latency))
        }
        let received = stream.received
        return Result(
            patients: configuration.patients, seconds: configuration.seconds,
            acknowledged: outcome.acknowledged.count, failures: outcome.failures,
            readingsPerSecond: Double(outcome.acknowledged.count) / max(outcome.seconds, .leastNonzeroMagnitude),
            missingEvents: missing, eventsBeforeAcknowledgement: early, alertEvents: received.alerts,
            otherEvents: received.others, latency: WrkResult.Latency(microseconds: latencies),
            requestLatency: WrkResult.Latency(
                microseconds: outcome.acknowledged.map { ($0.acknowledgedAt - $0.sentAt).microseconds }),
            durability: durability)
    }
}
