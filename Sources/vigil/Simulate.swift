import ArgumentParser
import Foundation
import VigilSecurity
import VigilSimulator

/// `vigil simulate`: virtual patients' devices sending to a running Vigil
/// over HTTPS or MQTT, realistically (device habits in real time) or as a
/// load generator (a target rate), with a progress line and a summary.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate patients' devices sending to a running Vigil (device simulator and load generator).")

    @Option(help: "Vigil's HTTP API, to enrol the devices (VIGIL_SIMULATE_API_URL).")
    var apiURL: String = Environment.value("VIGIL_SIMULATE_API_URL") ?? "http://127.0.0.1:8080"

    @Option(help: "The HTTPS device endpoint (VIGIL_SIMULATE_DEVICE_URL).")
    var deviceURL: String = Environment.value("VIGIL_SIMULATE_DEVICE_URL") ?? "https://localhost:8443"

    @Option(help: "The MQTT host and port (VIGIL_SIMULATE_MQTT_HOST, VIGIL_SIMULATE_MQTT_PORT).")
    var mqttHost: String = Environment.value("VIGIL_SIMULATE_MQTT_HOST") ?? "localhost"
    @Option var mqttPort: Int = Environment.integer("VIGIL_SIMULATE_MQTT_PORT") ?? 8883

    @Flag(help: "MQTT without TLS (a server started with --mqtt-plain-port) (VIGIL_SIMULATE_MQTT_PLAIN).")
    var mqttPlain = false

    @Option(help: "CA certificate to trust; default <data-dir>/tls/ca.pem (VIGIL_SIMULATE_CA).")
    var ca: String?

    @Option(help: "Vigil's --data-dir, where its CA certificate is (VIGIL_DATA_DIR).")
    var dataDir: String = Environment.value("VIGIL_DATA_DIR") ?? "./vigil-data"

    @Option(help: "The IoT Hub host name devices use in SAS tokens (VIGIL_HOST_NAME).")
    var hostName: String = Environment.value("VIGIL_HOST_NAME") ?? "localhost"

    @Option(help: "Administrator's user name (VIGIL_SIMULATE_ADMIN).")
    var admin: String = Environment.value("VIGIL_SIMULATE_ADMIN") ?? "admin"

    @Option(help: "Administrator's password (VIGIL_SIMULATE_ADMIN_PASSWORD, else VIGIL_BOOTSTRAP_ADMIN_PASSWORD).")
    var adminPassword: String?

    @Option(help: "https or mqtt (VIGIL_SIMULATE_PROTOCOL).")
    var `protocol`: String = Environment.value("VIGIL_SIMULATE_PROTOCOL") ?? "https"

    @Option(help: "Virtual patients, cycling through every profile (VIGIL_SIMULATE_PATIENTS).")
    var patients: Int = Environment.integer("VIGIL_SIMULATE_PATIENTS") ?? 6

    @Option(help: "Use exactly this many devices instead (enough patients are made) (VIGIL_SIMULATE_DEVICES).")
    var devices: Int?

    @Option(help: "Seed of every random choice; the same seed sends the same readings (VIGIL_SIMULATE_SEED).")
    var seed: UInt64 = Environment.value("VIGIL_SIMULATE_SEED").flatMap(UInt64.init) ?? 1

    @Option(help: "Load generator: messages per second, round the devices; without it devices follow their habits.")
    var rate: Double?

    @Option(help: "Seconds to run (VIGIL_SIMULATE_DURATION); default 60.")
    var duration: Double = Environment.value("VIGIL_SIMULATE_DURATION").flatMap(Double.init) ?? 60

    @Option(help: "Messages in flight at most (HTTPS: connections) (VIGIL_SIMULATE_CONNECTIONS).")
    var connections: Int = Environment.integer("VIGIL_SIMULATE_CONNECTIONS") ?? 16

    @Option(help: "Load generator: measurements per message (VIGIL_SIMULATE_BATCH).")
    var batch: Int = Environment.integer("VIGIL_SIMULATE_BATCH") ?? 1

    @Option(help: "Habit mode: hours of history to send first (VIGIL_SIMULATE_BACKFILL_HOURS).")
    var backfillHours: Double = Environment.value("VIGIL_SIMULATE_BACKFILL_HOURS").flatMap(Double.init) ?? 0

    @Option(help: "Chance a message carries one deliberately bad reading (VIGIL_SIMULATE_BAD_READINGS).")
    var badReadings: Double = Environment.value("VIGIL_SIMULATE_BAD_READINGS").flatMap(Double.init) ?? 0.02

    @Flag(help: "Print the summary as JSON on standard output.")
    var json = false

    @Flag(help: "Generate messages without sending them, to measure the simulator alone (no server needed).")
    var dryRun = false

    func validate() throws {
        guard ["https", "mqtt"].contains(`protocol`) else { throw ValidationError("--protocol must be https or mqtt") }
        guard patients > 0, devices.map({ $0 > 0 }) ?? true else {
            throw ValidationError("--patients and --devices must be positive")
        }
        guard duration > 0, connections > 0, batch > 0 else {
            throw ValidationError("--duration, --connections and --batch must be positive")
        }
        guard rate.map({ $0 > 0 }) ?? true else { throw ValidationError("--rate must be positive") }
        guard (0...1).contains(badReadings) else { throw ValidationError("--bad-readings must be 0 to 1") }
        guard password != nil || dryRun else {
            throw ValidationError("give --admin-password (or VIGIL_SIMULATE_ADMIN_PASSWORD) to enrol the devices")
        }
    }

    private var password: String? {
        adminPassword ?? Environment.value("VIGIL_SIMULATE_ADMIN_PASSWORD")
            ?? Environment.value("VIGIL_BOOTSTRAP_ADMIN_PASSWORD")
    }

    func run() async throws {
        var options = SimulationPlan.Options()
        options.seed = seed
        options.badReadingProbability = badReadings
        options.deterioration = Deterioration(onset: Date(), duration: max(duration, 600))
        let plan = SimulationPlan(
            patients: devices == nil ? patients : nil, devices: devices, options: options,
            deviceIDPrefix: "sim-\(seed)-")
        let sender = try await dryRun ? DiscardingSender() : makeSender(for: plan)
        let runner = LoadRunner(
            plan: plan, sender: sender,
            mode: rate.map { .load(rate: $0, batch: batch) } ?? .realistic(backfill: backfillHours * 3600),
            duration: duration, concurrency: connections, transport: dryRun ? "none (dry run)" : `protocol`,
            progress: { line in FileHandle.standardError.write(Data("\r\(line)   ".utf8)) })
        let summary = await runner.run()
        await sender.shutdown()
        FileHandle.standardError.write(Data("\n".utf8))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(summary) + Data("\n".utf8))
        } else {
            print(summary.text)
        }
        if summary.acknowledged == 0 { throw ExitCode.failure }
    }

    /// Enrols the plan's devices and opens the chosen transport with a SAS token per device.
    private func makeSender(for plan: SimulationPlan) async throws -> any TelemetrySender {
        let api = try await SimulationAPIClient.login(baseURL: apiURL, username: admin, password: password ?? "")
        status("enrolling \(plan.devices.count) devices of \(plan.patients.count) patients")
        let fleet = try await SimulatedFleet.enrol(plan, api: api)
        let expiry = Date().addingTimeInterval(duration + backfillHours * 3600 + 3600)
        var tokens: [String: String] = [:]
        for (device, key) in fleet.keys {
            tokens[device] = try SASToken.make(
                resource: SASVerifier.resource(hostName: hostName, deviceID: device), base64Key: key, expiry: expiry)
        }
        let caPath = ca ?? Environment.value("VIGIL_SIMULATE_CA") ?? defaultCA
        if `protocol` == "mqtt" {
            return try MQTTTelemetrySender(
                host: mqttHost, port: mqttPort, caPath: caPath,
                useTLS: !(mqttPlain || Environment.flag("VIGIL_SIMULATE_MQTT_PLAIN")), hostName: hostName,
                tokens: tokens)
        }
        return try HTTPSTelemetrySender(baseURL: deviceURL, caPath: caPath, connections: connections, tokens: tokens)
    }

    private var defaultCA: String? {
        let path = URL(fileURLWithPath: dataDir).appendingPathComponent("tls/ca.pem").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    private func status(_ text: String) {
        FileHandle.standardError.write(Data("\(text)\n".utf8))
    }
}
