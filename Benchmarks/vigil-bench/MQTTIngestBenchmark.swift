import Foundation
import NIOCore

/// MQTT ingest end to end: a release `vigil serve` on SQLite
/// (`synchronous=FULL`) with its devices provisioned through the REST API,
/// against Debian's mosquitto (no persistence, no authentication) presenting
/// Vigil's own TLS certificate, both driven by the same ``MQTTLoadGenerator``
/// with the same client ids, topics and bodies.
///
/// Runs, in order: idle TLS connections to mosquitto, then to Vigil (memory
/// per connection); QoS 1 telemetry into Vigil at the maximum, then paced at
/// half that rate; the same two runs into mosquitto. Then Vigil is stopped
/// with SIGTERM and its database is checked to hold every PUBACKed message.
struct MQTTIngestBenchmark {
    /// What to run.
    struct Configuration: Sendable {
        /// The `vigil` executable.
        var vigilPath: String
        /// The `mosquitto` executable.
        var mosquittoPath: String
        /// Length of each measured run, in seconds. Default 30.
        var seconds = 30
        /// Devices publishing, one connection each. Default 1,000.
        var devices = 1000
        /// Patients the devices are spread over. Default 100.
        var patients = 100
        /// Idle connections of the memory runs. Default 10,000.
        var idleConnections = 10_000
        /// Publishes awaiting PUBACK per connection at most. Default 10.
        var window = 10
        /// Event loops of the load generator. Default: one per core.
        var generatorThreads = System.coreCount
        /// Seed of the reading values. Default 2026.
        var seed: UInt64 = 2026
    }

    /// The most publishes per second of one device at the maximum: below
    /// Vigil's per-device rate limit (100 messages/s, bursts of 200).
    static let deviceCeiling = 80.0
    /// The least ratio of Vigil's QoS 1 rate to mosquitto's.
    static let rateRatioTarget = 0.25
    /// The most ratio of Vigil's memory per idle connection to mosquitto's.
    static let memoryRatioTarget = 3.0

    let configuration: Configuration
    let scratch: ScratchDirectory

    /// Runs everything and returns the report.
    func run() async throws -> MQTTIngestReport {
        // Both brokers and the generator each hold every idle connection.
        try MQTTFileLimit.raise(toAtLeast: configuration.idleConnections + 4096)
        _ = try ExternalTool(named: "sqlite3")
        let password = "bench-\(UInt64.random(in: 1...UInt64.max))"
        progress("starting \(configuration.vigilPath) serve")
        let server = try await VigilServerProcess.start(
            executable: configuration.vigilPath, in: scratch, adminPassword: password)
        let generator = try MQTTLoadGenerator(threads: configuration.generatorThreads)
        let runs: Runs
        do {
            runs = try await measure(server, generator: generator, password: password)
            try await generator.shutdown()
        } catch {
            progress("vigil log: \(server.logTail())")
            server.killNow()
            try? await generator.shutdown()
            throw error
        }
        progress("stopping vigil with SIGTERM")
        try server.stop()
        let durability = try DurabilityCheck.verify(
            [.init(mqtt: "maximum", runs.vigilMaximum), .init(mqtt: "half", runs.vigilHalf)],
            databasePath: server.databasePath)
        return report(runs, durability: durability)
    }

    /// The measured runs.
    private struct Runs {
        var vigilIdle: MQTTIdleMemory
        var mosquittoIdle: MQTTIdleMemory
        var vigilMaximum: MQTTLoadResult
        var vigilHalf: MQTTLoadResult
        var mosquittoMaximum: MQTTLoadResult
        var mosquittoHalf: MQTTLoadResult
    }

    private func measure(_ server: VigilServerProcess, generator: MQTTLoadGenerator, password: String) async throws
        -> Runs
    {
        let devices = try await provision(server, password: password)
        let vigilPort = try await MQTTListenerPort.of(server)
        let tls = "\(server.dataDirectory)/tls"
        let mosquitto = try await MosquittoProcess.start(
            executable: configuration.mosquittoPath, in: scratch, certificate: "\(tls)/server.pem",
            key: "\(tls)/server-key.pem")
        do {
            let idle = Array(devices.prefix(configuration.idleConnections))
            progress("mosquitto: \(Format.thousands(idle.count)) idle TLS connections")
            let mosquittoIdle = try await MQTTIdleMemory.measure(
                broker: mosquitto.pid, port: mosquitto.port, devices: idle, generator: generator)
            progress("mosquitto: \(mosquittoIdle.summary)")
            progress("vigil: \(Format.thousands(idle.count)) idle TLS connections")
            let vigilIdle = try await MQTTIdleMemory.measure(
                broker: server.pid, port: vigilPort, devices: idle, generator: generator)
            progress("vigil: \(vigilIdle.summary)")

            let active = Array(devices.prefix(configuration.devices))
            let (vigilMaximum, vigilHalf) = try await load(
                "vigil", pid: server.pid, port: vigilPort, devices: active, generator: generator, halfOf: nil)
            let (mosquittoMaximum, mosquittoHalf) = try await load(
                "mosquitto", pid: mosquitto.pid, port: mosquitto.port, devices: active, generator: generator,
                halfOf: vigilMaximum.rate)
            try mosquitto.stop()
            return Runs(
                vigilIdle: vigilIdle, mosquittoIdle: mosquittoIdle, vigilMaximum: vigilMaximum, vigilHalf: vigilHalf,
                mosquittoMaximum: mosquittoMaximum, mosquittoHalf: mosquittoHalf)
        } catch {
            progress("mosquitto log: \(mosquitto.logTail())")
            mosquitto.terminate()
            throw error
        }
    }

    /// Registers the devices of every run through Vigil's REST API, checks
    /// that Vigil's parser stores each one's body whole, and returns them with
    /// their bodies.
    private func provision(_ server: VigilServerProcess, password: String) async throws -> [MQTTDevice] {
        let api = try await VigilAPIClient.login(
            baseURL: "http://127.0.0.1:\(server.httpPort)", username: "admin", password: password)
        let count = max(configuration.devices, configuration.idleConnections)
        progress("provisioning \(Format.thousands(count)) devices for \(configuration.patients) patients")
        let expiry = Date().addingTimeInterval(Double(configuration.seconds) * 10 + 3 * 3600)
        let devices = try await DeviceFleet.provision(
            devices: count, patients: configuration.patients, api: api, tokenExpiry: expiry)
        var generator = SeededGenerator(seed: configuration.seed)
        let plan = LoadPlan(
            devices: devices, bodies: devices.map { _ in TelemetryBody.single(using: &generator) },
            readingsPerRequest: 1)
        _ = try plan.readings(receivedAt: Date())
        return zip(plan.devices, plan.bodies).map { MQTTDevice($0, body: $1) }
    }

    /// Connects the devices to one broker, runs QoS 1 telemetry at the
    /// maximum, then paced at half of `halfOf` (or of this maximum when nil),
    /// and disconnects.
    private func load(
        _ broker: String, pid: pid_t, port: Int, devices: [MQTTDevice], generator: MQTTLoadGenerator, halfOf: Double?
    ) async throws -> (maximum: MQTTLoadResult, half: MQTTLoadResult) {
        let connections = try await generator.connect(devices, port: port)
        let seconds = configuration.seconds
        progress(
            "\(broker): QoS 1 at the maximum, \(connections.count) connections, window \(configuration.window), "
                + "\(seconds) s")
        let maximum = try await generator.run(
            connections, seconds: seconds, window: configuration.window, load: .maximum(ceiling: Self.deviceCeiling),
            broker: pid)
        try Self.check(maximum, broker: broker)
        try await Task.sleep(for: .seconds(1))
        let target = (halfOf ?? maximum.rate) / 2
        progress("\(broker): QoS 1 paced at \(MQTTIngestReport.rate(target)), \(seconds) s")
        let half = try await generator.run(
            connections, seconds: seconds, window: configuration.window, load: .paced(rate: target), broker: pid)
        try Self.check(half, broker: broker)
        await generator.disconnect(connections)
        try await Task.sleep(for: .seconds(1))
        return (maximum, half)
    }

    /// Logs a run's figures.
    ///
    /// - Throws: ``BenchmarkError`` when nothing was acknowledged.
    private static func check(_ result: MQTTLoadResult, broker: String) throws {
        progress(
            "\(broker): \(MQTTIngestReport.rate(result.rate)), \(result.latencySummary); "
                + "generator \(Format.fixed(result.generatorCores, decimals: 2)) cores, "
                + "\(broker) \(Format.fixed(result.brokerCores, decimals: 2)) cores")
        guard result.acknowledgedInRun > 0 else { throw BenchmarkError("\(broker): no publish was acknowledged") }
    }

    private func report(_ runs: Runs, durability: String) -> MQTTIngestReport {
        let rateRatio = runs.vigilMaximum.rate / max(runs.mosquittoMaximum.rate, .leastNonzeroMagnitude)
        let memoryRatio = runs.vigilIdle.bytesPerConnection / max(runs.mosquittoIdle.bytesPerConnection, 1)
        let all = [
            ("Vigil maximum", runs.vigilMaximum), ("Vigil half", runs.vigilHalf),
            ("mosquitto maximum", runs.mosquittoMaximum), ("mosquitto half", runs.mosquittoHalf),
        ]
        let acknowledged = all.map { "\($0) \(Format.thousands($1.acknowledged))" }.joined(separator: ", ")
        return MQTTIngestReport(
            devices: configuration.devices, patients: configuration.patients,
            idleConnections: configuration.idleConnections, durationSeconds: configuration.seconds,
            generatorThreads: configuration.generatorThreads, deviceCeiling: Self.deviceCeiling,
            vigilMaximum: runs.vigilMaximum, mosquittoMaximum: runs.mosquittoMaximum, rateRatio: rateRatio,
            rateRatioTarget: Self.rateRatioTarget, rateTargetMet: rateRatio >= Self.rateRatioTarget,
            vigilIdle: runs.vigilIdle, mosquittoIdle: runs.mosquittoIdle, memoryRatio: memoryRatio,
            memoryRatioTarget: Self.memoryRatioTarget, memoryTargetMet: memoryRatio <= Self.memoryRatioTarget,
            vigilHalf: runs.vigilHalf, mosquittoHalf: runs.mosquittoHalf,
            checks: [
                generatorCheck(runs),
                "acknowledgements: every QoS 1 publish of every run was PUBACKed (\(acknowledged)); no connection "
                    + "was refused or dropped; all \(Format.thousands(configuration.idleConnections)) idle connections "
                    + "were accepted (CONNACK 0) by each broker",
                durability,
                "bodies: each device's body was read beforehand by Vigil's `DeviceMessageParser` into exactly one "
                    + "reading, none refused",
            ])
    }

    /// That the generator drove mosquitto harder than Vigil, and how much of its own ceiling it used.
    private func generatorCheck(_ runs: Runs) -> String {
        let (vigil, mosquitto) = (runs.vigilMaximum.rate, runs.mosquittoMaximum.rate)
        let harder = mosquitto / max(vigil, .leastNonzeroMagnitude)
        let ceiling = Self.deviceCeiling * Double(configuration.devices)
        return "load generator: the same generator drove mosquitto at \(MQTTIngestReport.rate(mosquitto)), "
            + "\(Format.ratio(harder)) its rate against Vigil (\(MQTTIngestReport.rate(vigil)))"
            + (harder > 1 ? ", so it is not what limits Vigil" : "; **it did not drive mosquitto harder**")
            + "; mosquitto's run used \(Format.fixed(mosquitto / ceiling * 100, decimals: 0))% of the generator's "
            + "ceiling (\(Format.fixed(Self.deviceCeiling, decimals: 0)) msgs/s per device, "
            + "\(MQTTIngestReport.rate(ceiling)) in all)"
    }
}
