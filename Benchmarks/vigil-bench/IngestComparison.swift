import Foundation

/// Sustained HTTPS ingest (many readings per request, `wrk`, as in the HTTPS
/// ingest benchmark) against fresh release servers set up in different ways
/// — say live evaluation on and off — one after another, each way once per
/// round, the order alternating between rounds, in one invocation.
struct IngestComparison {
    /// One way of running the server.
    struct Variant: Sendable {
        /// Names the runs, such as `evaluation-on`.
        var name: String
        /// Further `vigil serve` arguments.
        var arguments: [String] = []
        /// Runs after provisioning, before the load (say, to create webhook endpoints).
        var prepare: @Sendable (Setup) async throws -> Void = { _ in }
        /// Read before and after the load; the run reports the difference (say, webhook deliveries received).
        var counter: (@Sendable () -> Int)?
        /// Checks the stopped server's database; returns what was checked.
        var check: @Sendable (_ databasePath: String) throws -> String? = { _ in nil }
    }

    /// A provisioned server, as a variant's `prepare` finds it.
    struct Setup: Sendable {
        /// Signed in as the administrator.
        var api: VigilAPIClient
        /// The devices the load goes round.
        var devices: [BenchDevice]
        /// The device endpoint, `https://127.0.0.1:<port>`.
        var deviceURL: String
    }

    /// What to run.
    struct Configuration: Sendable {
        /// The `vigil` executable.
        var vigilPath: String
        /// Length of each measured run, in seconds. Default 30.
        var seconds = 30
        /// Rounds; each runs every variant once. Default 2.
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
        /// The variant's name.
        var variant: String
        /// Device readings acknowledged per second.
        var readingsPerSecond: Double
        /// The wrk figures of the run.
        var load: WrkResult
        /// The variant's counter's change over the load, if it has one.
        var counted: Int?
        /// The durability check's finding, and the variant's own check's.
        var checks: [String]
    }

    let configuration: Configuration
    let scratch: ScratchDirectory

    /// `wrk`'s command line for each run.
    var wrkCommand: String {
        Wrk.commandLine(
            threads: configuration.threads, connections: configuration.connections, seconds: configuration.seconds)
    }

    /// Measures every variant once per round; rounds alternate the order.
    func run(_ variants: [Variant]) async throws -> [Run] {
        let wrk = try Wrk(scratch: scratch, threads: configuration.threads, connections: configuration.connections)
        var runs: [Run] = []
        for round in 1...configuration.rounds {
            for variant in round.isMultiple(of: 2) ? variants.reversed() : variants {
                runs.append(try await measure(variant, name: "round-\(round)-\(variant.name)", wrk: wrk))
            }
        }
        return runs
    }

    /// The median readings/s of the runs of `variant`.
    static func median(of variant: String, in runs: [Run]) -> Double {
        var timings = Timings()
        for run in runs where run.variant == variant { timings.record(run.readingsPerSecond) }
        return timings.median
    }

    private func measure(_ variant: Variant, name: String, wrk: Wrk) async throws -> Run {
        let password = "bench-\(UInt64.random(in: 1...UInt64.max))"
        progress("\(name): starting \(configuration.vigilPath) serve \(variant.arguments.joined(separator: " "))")
        let server = try await VigilServerProcess.start(
            executable: configuration.vigilPath, in: scratch, adminPassword: password, arguments: variant.arguments,
            name: name)
        let load: LoadRun
        var counted: Int?
        do {
            let api = try await VigilAPIClient.login(
                baseURL: "http://127.0.0.1:\(server.httpPort)", username: "admin", password: password)
            progress("\(name): provisioning \(configuration.devices) devices for \(configuration.patients) patients")
            let devices = try await DeviceFleet.provision(
                devices: configuration.devices, patients: configuration.patients, api: api,
                tokenExpiry: Date().addingTimeInterval(Double(configuration.seconds) * 10 + 3600))
            let deviceURL = "https://127.0.0.1:\(server.httpsPort)"
            try await variant.prepare(Setup(api: api, devices: devices, deviceURL: deviceURL))
            let plan = try LoadPlan.sustained(
                devices: devices, readingsPerRequest: configuration.readingsPerRequest, seed: configuration.seed,
                now: Date())
            let before = variant.counter?()
            load = try LoadRun.measure(
                name, wrk: wrk, plan: plan, url: deviceURL, seconds: configuration.seconds)
            if let before, let after = variant.counter?() { counted = after - before }
        } catch {
            progress("vigil log: \(server.logTail())")
            server.killNow()
            throw error
        }
        progress("\(name): stopping vigil with SIGTERM")
        try server.stop()
        let durability = try DurabilityCheck.verify([load], databasePath: server.databasePath)
        let own = try variant.check(server.databasePath)
        return Run(
            variant: variant.name,
            readingsPerSecond: Double(load.acknowledgedReadings) / max(load.result.durationSeconds, .leastNonzeroMagnitude),
            load: load.result, counted: counted, checks: [durability] + (own.map { [$0] } ?? []))
    }
}
