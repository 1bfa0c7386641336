import Foundation

/// What live evaluation costs ingest: the sustained run of the HTTPS ingest
/// benchmark (many readings per request, `wrk`) against fresh release servers
/// with live evaluation on and off (`vigil serve --no-live-evaluation`),
/// alternating which goes first in each round, in one invocation.
struct EvaluationCostBenchmark {
    /// What to run.
    struct Configuration: Sendable {
        /// The `vigil` executable.
        var vigilPath: String
        /// Length of each measured run, in seconds. Default 30.
        var seconds = 30
        /// Rounds; each measures evaluation on and off once. Default 2.
        var rounds = 2
        /// Devices the requests go round. Default 1,000.
        var devices = 1000
        /// Patients the devices are spread over. Default 100.
        var patients = 100
        /// Readings per request. Default 100.
        var readingsPerRequest = 100
        /// wrk connections. Default 16.
        var connections = 16
        /// wrk threads. Default 2.
        var threads = 2
        /// Seed of the reading values. Default 2026.
        var seed: UInt64 = 2026
    }

    /// One measured server.
    struct Run: Codable, Sendable {
        /// Whether live evaluation was on.
        var evaluating: Bool
        /// Device readings acknowledged per second.
        var readingsPerSecond: Double
        /// The wrk figures of the run.
        var load: WrkResult
        /// NEWS2 scores the server derived and stored (none when evaluation is off).
        var derivedScores: Int
        /// The durability check's finding.
        var durability: String
    }

    /// The most throughput live evaluation may cost.
    static let costTarget = 0.10

    let configuration: Configuration
    let scratch: ScratchDirectory

    /// Measures every round; on and off alternate which goes first.
    func run() async throws -> [Run] {
        let wrk = try Wrk(scratch: scratch, threads: configuration.threads, connections: configuration.connections)
        var runs: [Run] = []
        for round in 1...configuration.rounds {
            for evaluating in round.isMultiple(of: 2) ? [false, true] : [true, false] {
                let name = "round-\(round)-evaluation-\(evaluating ? "on" : "off")"
                runs.append(try await measure(name, evaluating: evaluating, wrk: wrk))
            }
        }
        return runs
    }

    private func measure(_ name: String, evaluating: Bool, wrk: Wrk) async throws -> Run {
        let password = "bench-\(UInt64.random(in: 1...UInt64.max))"
        progress("\(name): starting \(configuration.vigilPath) serve")
        let server = try await VigilServerProcess.start(
            executable: configuration.vigilPath, in: scratch, adminPassword: password,
            arguments: evaluating ? [] : ["--no-live-evaluation"], name: name)
        let load: LoadRun
        do {
            let api = try await VigilAPIClient.login(
                baseURL: "http://127.0.0.1:\(server.httpPort)", username: "admin", password: password)
            progress("\(name): provisioning \(configuration.devices) devices for \(configuration.patients) patients")
            let devices = try await DeviceFleet.provision(
                devices: configuration.devices, patients: configuration.patients, api: api,
                tokenExpiry: Date().addingTimeInterval(Double(configuration.seconds) * 10 + 3600))
            var generator = SeededGenerator(seed: configuration.seed)
            let now = Date()
            let plan = LoadPlan(
                devices: devices,
                bodies: devices.indices.map {
                    TelemetryBody.native(
                        readings: configuration.readingsPerRequest, device: $0, now: now, using: &generator)
                },
                readingsPerRequest: configuration.readingsPerRequest)
            _ = try plan.readings(receivedAt: now)
            load = try LoadRun.measure(
                name, wrk: wrk, plan: plan, url: "https://127.0.0.1:\(server.httpsPort)",
                seconds: configuration.seconds)
        } catch {
            progress("vigil log: \(server.logTail())")
            server.killNow()
            throw error
        }
        progress("\(name): stopping vigil with SIGTERM")
        try server.stop()
        let durability = try DurabilityCheck.verify([load], databasePath: server.databasePath)
        let derived = try DurabilityCheck.derivedScores(databasePath: server.databasePath)
        guard (derived > 0) == evaluating else {
            throw BenchmarkError(
                "\(name): \(derived) NEWS2 scores were stored with live evaluation \(evaluating ? "on" : "off")")
        }
        return Run(
            evaluating: evaluating,
            readingsPerSecond: Double(load.acknowledgedReadings) / max(load.result.durationSeconds, .leastNonzeroMagnitude),
            load: load.result, derivedScores: derived, durability: durability)
    }
}
