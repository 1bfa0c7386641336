import VigilSimulator
import Foundation

/// Whether the device simulator can ever be the bottleneck: the rate at which
/// `vigil simulate` generates messages on its own (`--dry-run`) against the
/// rate a fresh release `vigil serve` absorbs the same messages over HTTPS
/// (`vigil simulate` at a target rate it cannot reach), in one invocation.
///
/// Both sides run the real `vigil simulate` binary as a child process, with
/// the same devices, seed, batch, bad-reading rate and messages in flight, so
/// what is measured is what users run. After the load run the server is
/// stopped and its database is checked to hold every acknowledged reading.
struct SimulatorBenchmark: Sendable {
    /// What to run; the defaults are those of `scripts/benchmark.sh`.
    struct Configuration: Sendable {
        /// The `vigil` executable (a release build).
        var vigilPath: String
        /// Seconds of each run. Default 30.
        var seconds = 30
        /// Devices the messages go round. Default 200, enough that no device
        /// reaches Vigil's rate limit (100 messages/s) below 20,000 messages/s.
        var devices = 200
        /// Messages in flight at most (`--connections`; for HTTPS, connections). Default 32.
        var connections = 32
        /// Measurements per message (`--batch`). Default 1, the simulator's own default.
        var batch = 1
        /// Chance that a message carries a bad reading (`--bad-readings`). Default 0.02, the simulator's own default.
        var badReadings = 0.02
        /// The simulator's seed. Default 2026.
        var seed: UInt64 = 2026
        /// A target rate neither side can reach, so both run flat out (messages/s).
        var unreachableRate = 1_000_000_000

        /// Configuration for `vigil` at `vigilPath`, the other settings at their defaults.
        init(vigilPath: String) {
            self.vigilPath = vigilPath
        }
    }

    /// The two runs and what was checked.
    struct Result: Sendable {
        /// `vigil simulate --dry-run`: the simulator alone.
        let generation: LoadSummary
        /// `vigil simulate` against `vigil serve`: what Vigil absorbed.
        let absorption: LoadSummary
        /// CPU cores the server kept busy while `vigil simulate` ran against it
        /// (enrolment included), on average.
        let serverCores: Double
        /// Device readings the server's database holds from the load run.
        let storedReadings: Int
        /// Readings the server quarantined during the load run.
        let quarantined: Int
    }

    let configuration: Configuration
    let scratch: ScratchDirectory

    /// Runs the simulator alone, then against a fresh server.
    ///
    /// - Throws: ``BenchmarkError`` when a run fails, a message was refused or
    ///   lost, or the database lacks an acknowledged reading.
    func run() async throws -> Result {
        let vigil = try ExternalTool(executable: configuration.vigilPath)
        progress("generation: vigil simulate --dry-run for \(configuration.seconds) s")
        let generation = try simulate(vigil, arguments: ["--dry-run"], name: "generation")
        try check(generation, name: "the dry run")

        let password = "bench-\(UInt64.random(in: 1...UInt64.max))"
        let server = try await VigilServerProcess.start(
            executable: configuration.vigilPath, in: scratch, adminPassword: password)
        let absorption: LoadSummary
        let serverCores: Double
        let window: (startedAt: Int64, endedAt: Int64)
        do {
            progress("absorption: vigil simulate against vigil serve for \(configuration.seconds) s")
            let before = try MQTTProcessSample(pid: server.pid)
            let stopwatch = Stopwatch()
            let startedAt = Self.millisecondsNow()
            absorption = try simulate(
                vigil,
                arguments: [
                    "--protocol", "https", "--api-url", "http://127.0.0.1:\(server.httpPort)",
                    "--device-url", "https://localhost:\(server.httpsPort)", "--data-dir", server.dataDirectory,
                    "--ca", "\(server.dataDirectory)/tls/ca.pem", "--host-name", "localhost", "--admin", "admin",
                    "--admin-password", password,
                ], name: "absorption")
            window = (startedAt, Self.millisecondsNow())
            let after = try MQTTProcessSample(pid: server.pid)
            let wall = stopwatch.seconds
            serverCores = wall > 0 ? (after.cpuSeconds - before.cpuSeconds) / wall : 0
        } catch {
            server.killNow()
            throw error
        }
        try server.stop()
        try check(absorption, name: "the load run")

        let stored = try DurabilityCheck.deviceReadings(
            databasePath: server.databasePath, from: window.startedAt, to: window.endedAt)
        guard stored >= absorption.readings else {
            throw BenchmarkError(
                "the database holds \(stored) device readings received during the load run, but \(absorption.readings) "
                    + "valid readings were acknowledged")
        }
        let quarantined = try DurabilityCheck.quarantined(
            databasePath: server.databasePath, from: window.startedAt, to: window.endedAt)
        guard quarantined >= absorption.injectedFaults else {
            throw BenchmarkError(
                "\(absorption.injectedFaults) bad readings were injected but only \(quarantined) were quarantined")
        }
        return Result(
            generation: generation, absorption: absorption, serverCores: serverCores, storedReadings: stored,
            quarantined: quarantined)
    }

    /// Runs `vigil simulate` with the shared load-generator flags and `extra`,
    /// keeping its summary (standard output) and progress (standard error) in the scratch folder.
    private func simulate(_ vigil: ExternalTool, arguments extra: [String], name: String) throws -> LoadSummary {
        let arguments =
            [
                "simulate", "--json", "--devices", "\(configuration.devices)", "--seed", "\(configuration.seed)",
                "--rate", "\(configuration.unreachableRate)", "--duration", "\(configuration.seconds)",
                "--connections", "\(configuration.connections)", "--batch", "\(configuration.batch)",
                "--bad-readings", "\(configuration.badReadings)",
            ] + extra
        let output = scratch.file("\(name).json")
        try vigil.run(arguments, output: output)
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        do {
            return try JSONDecoder().decode(LoadSummary.self, from: data)
        } catch {
            throw BenchmarkError("vigil simulate printed no summary: \(String(decoding: data.prefix(500), as: UTF8.self))")
        }
    }

    /// Every message must have been acknowledged: none refused, none failed.
    private func check(_ summary: LoadSummary, name: String) throws {
        guard summary.sent > 0, summary.acknowledged == summary.sent, summary.refused == 0, summary.failed == 0 else {
            throw BenchmarkError(
                "\(name) sent \(summary.sent) messages: \(summary.acknowledged) acknowledged, \(summary.refused) "
                    + "refused, \(summary.failed) failed")
        }
    }

    private static func millisecondsNow() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
