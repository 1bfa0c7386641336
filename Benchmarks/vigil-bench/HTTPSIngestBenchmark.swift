import Foundation

/// HTTPS ingest end to end: a release `vigil serve` on SQLite
/// (`synchronous=FULL`), 1,000 devices provisioned through its REST API, and
/// `wrk` posting SAS-authenticated telemetry over TLS, against the store's
/// batch insert of the same readings measured in the same invocation.
///
/// Runs, in order, on one server: many readings per request (measured);
/// single-reading requests as fast as answers come (measured: the maximum);
/// short paced calibration runs; single-reading requests paced to about half
/// the maximum (measured). Then the server is stopped with SIGTERM, its
/// database is checked to hold every acknowledged reading, and the baseline
/// inserts the sustained run's readings through `SQLiteStore`.
struct HTTPSIngestBenchmark {
    /// What to run.
    struct Configuration: Sendable {
        /// The `vigil` executable.
        var vigilPath: String
        /// Length of each measured run, in seconds. Default 30.
        var seconds = 30
        /// wrk connections. Default 16.
        var connections = 16
        /// wrk threads. Default 2.
        var threads = 2
        /// Devices the requests go round. Default 1,000.
        var devices = 1000
        /// Patients the devices are spread over. Default 100.
        var patients = 100
        /// Readings per request in the sustained run. Default 100.
        var readingsPerRequest = 100
        /// Timed runs of each baseline batch size. Default 1.
        var baselineRuns = 1
        /// Seed of the reading values. Default 2026.
        var seed: UInt64 = 2026
    }

    /// The batch size of the stricter baseline.
    static let largeBatch = 1000
    /// The most p99 latency, in milliseconds, at half the maximum single-reading rate.
    static let p99TargetMilliseconds = 20.0
    /// The least ratio of HTTPS readings/s to the store's batch-of-1,000 rate.
    static let ratioTarget = 0.5

    let configuration: Configuration
    let scratch: ScratchDirectory

    /// Runs everything and returns the report.
    func run() async throws -> HTTPSIngestReport {
        let wrk = try Wrk(scratch: scratch, threads: configuration.threads, connections: configuration.connections)
        _ = try ExternalTool(named: "sqlite3")
        let password = "bench-\(UInt64.random(in: 1...UInt64.max))"
        progress("starting \(configuration.vigilPath) serve")
        let server = try await VigilServerProcess.start(
            executable: configuration.vigilPath, in: scratch, adminPassword: password)
        let runs: Runs
        do {
            runs = try await load(server, wrk: wrk, password: password)
        } catch {
            progress("vigil log: \(server.logTail())")
            server.killNow()
            throw error
        }
        progress("stopping vigil with SIGTERM")
        try server.stop()
        let durability = try DurabilityCheck.verify(runs.all, databasePath: server.databasePath)

        let readings = try runs.bulkPlan.readings(ofRequests: runs.bulk.result.acknowledged, receivedAt: Date())
        let baseline = StoreInsertBaseline(readings: readings, scratch: scratch)
        let requestBatch = try await baseline.measure(
            batch: configuration.readingsPerRequest, runs: configuration.baselineRuns)
        let largeBatch = try await baseline.measure(batch: Self.largeBatch, runs: configuration.baselineRuns)
        return report(runs, requestBatch: requestBatch, largeBatch: largeBatch, durability: durability)
    }

    /// The measured runs and what they sent.
    private struct Runs {
        let bulkPlan: LoadPlan
        let bulk: LoadRun
        let maximum: LoadRun
        let calibrations: [LoadRun]
        let half: LoadRun
        let halfTargetRate: Double

        var all: [LoadRun] { [bulk, maximum] + calibrations + [half] }
    }

    private func load(_ server: VigilServerProcess, wrk: Wrk, password: String) async throws -> Runs {
        let api = try await VigilAPIClient.login(
            baseURL: "http://127.0.0.1:\(server.httpPort)", username: "admin", password: password)
        progress("provisioning \(configuration.devices) devices for \(configuration.patients) patients")
        let expiry = Date().addingTimeInterval(Double(configuration.seconds) * 10 + 3600)
        let devices = try await DeviceFleet.provision(
            devices: configuration.devices, patients: configuration.patients, api: api, tokenExpiry: expiry)

        // Every body must be stored whole, so acknowledged × per request is what the database must hold.
        let now = Date()
        let bulkPlan = try LoadPlan.sustained(
            devices: devices, readingsPerRequest: configuration.readingsPerRequest, seed: configuration.seed, now: now)
        var generator = SeededGenerator(seed: configuration.seed &+ 1)
        let singlePlan = LoadPlan(
            devices: devices, bodies: devices.map { _ in TelemetryBody.single(using: &generator) },
            readingsPerRequest: 1)
        _ = try singlePlan.readings(receivedAt: now)

        let url = "https://127.0.0.1:\(server.httpsPort)"
        let seconds = configuration.seconds
        let bulk = try LoadRun.measure("bulk", wrk: wrk, plan: bulkPlan, url: url, seconds: seconds)
        try await Task.sleep(for: .seconds(1))
        let maximum = try LoadRun.measure("single-maximum", wrk: wrk, plan: singlePlan, url: url, seconds: seconds)
        try await Task.sleep(for: .seconds(1))

        // Closed loop: each connection's cycle is its delay plus the request's
        // latency (and wrk's own overhead). Guess the delay from the maximum
        // run, then measure the cycle in short runs and correct the delay,
        // until a short run lands within 5% of the target rate (at most 3 runs).
        let target = maximum.result.acknowledgedPerSecond / 2
        let cycle = Double(configuration.connections) / target * 1000
        var pacing = Pacing(targetCycle: cycle, firstDelay: cycle - Double(maximum.result.latency.p50) / 2000)
        var calibrations: [LoadRun] = []
        while calibrations.count < 3 {
            let calibration = try LoadRun.measure(
                "single-calibration-\(calibrations.count + 1)", wrk: wrk, plan: singlePlan, url: url,
                seconds: max(5, seconds / 5), delayMilliseconds: pacing.delay)
            calibrations.append(calibration)
            let achieved = calibration.result.acknowledgedPerSecond
            pacing.record(cycle: Double(configuration.connections) / achieved * 1000)
            try await Task.sleep(for: .seconds(1))
            if abs(achieved / target - 1) <= 0.05 { break }
        }
        let delay = pacing.delay
        let half = try LoadRun.measure(
            "single-half", wrk: wrk, plan: singlePlan, url: url, seconds: seconds, delayMilliseconds: delay)
        return Runs(
            bulkPlan: bulkPlan, bulk: bulk, maximum: maximum, calibrations: calibrations, half: half,
            halfTargetRate: target)
    }

    private func report(
        _ runs: Runs, requestBatch: StoreInsertBaseline.Figures, largeBatch: StoreInsertBaseline.Figures,
        durability: String
    ) -> HTTPSIngestReport {
        let bulk = runs.bulk.result
        let readingsPerSecond =
            Double(bulk.acknowledged * configuration.readingsPerRequest) / max(bulk.durationSeconds, .leastNonzeroMagnitude)
        let ratio = readingsPerSecond / max(largeBatch.rowsPerSecond, .leastNonzeroMagnitude)
        let answered = runs.all.map { "\($0.name) \(Format.thousands($0.result.acknowledged))" }.joined(separator: ", ")
        return HTTPSIngestReport(
            devices: configuration.devices, patients: configuration.patients, connections: configuration.connections,
            threads: configuration.threads, durationSeconds: configuration.seconds,
            readingsPerRequest: configuration.readingsPerRequest,
            wrkCommand: Wrk.commandLine(
                threads: configuration.threads, connections: configuration.connections, seconds: configuration.seconds),
            bulk: bulk, bulkReadingsPerSecond: readingsPerSecond, baselineRequestBatch: requestBatch,
            baselineLargeBatch: largeBatch, ratio: ratio,
            ratioRequestBatch: readingsPerSecond / max(requestBatch.rowsPerSecond, .leastNonzeroMagnitude),
            ratioTarget: Self.ratioTarget, ratioTargetMet: ratio >= Self.ratioTarget,
            singleMaximum: runs.maximum.result, singleHalfTargetRate: runs.halfTargetRate,
            singleCalibrations: runs.calibrations.map(\.result), singleHalf: runs.half.result,
            p99TargetMilliseconds: Self.p99TargetMilliseconds,
            p99TargetMet: Double(runs.half.result.latency.p99) <= Self.p99TargetMilliseconds * 1000,
            checks: [
                "answers: every request of every run was answered 204 (\(answered)); no socket errors or timeouts "
                    + "(wrk `--timeout 10s`)",
                durability,
                "bodies: each device's body was read beforehand by Vigil's `DeviceMessageParser` into exactly "
                    + "\(configuration.readingsPerRequest) readings (1 for single-reading bodies), none refused",
                "baseline: each baseline database holds all \(Format.thousands(largeBatch.rows)) readings afterwards",
            ])
    }
}
