import AsyncHTTPClient
import Foundation
import NIOCore

/// Dashboard page times against a release `vigil serve`: the worklist of a
/// clinician with many patients, and one patient's page over 30 days of
/// one-a-minute readings of five vital types. The baseline, fetched the same
/// way in the same run, is `/health/live`: the cost of any request through
/// the same server, client and connection.
struct DashboardBenchmark {
    /// Sizes of the run.
    struct Configuration: Sendable {
        /// The `vigil` executable (a release build).
        var vigilPath: String
        /// Patients on the clinician's care team, one device each.
        var patients = 500
        /// Days of one-a-minute readings on the charted patient.
        var days = 30
        /// Timed requests per page.
        var requests = 200
    }

    /// One page's timings.
    struct PageTiming: Codable, Sendable {
        /// What was fetched, such as `worklist (500 patients)`.
        var name: String
        var path: String
        /// Request → last byte, in microseconds.
        var latency: WrkResult.Latency
        /// p95 in microseconds (nearest rank).
        var p95: Int
        /// The HTML's size, in bytes.
        var bytes: Int
    }

    /// Everything the report needs.
    struct Result: Sendable {
        var baseline: PageTiming
        var worklist: PageTiming
        var patientPages: [PageTiming]
        /// Stylesheet and script, in bytes (loaded once per page view, cached after).
        var assetBytes: Int
        var worklistRows: Int
        var chartedReadings: Int
    }

    /// Five vital types, one reading of each a minute.
    static let vitalBodies: [@Sendable (Int) -> String] = [
        { #"{"type":"heartRate","value":\#(70 + $0 % 9)"# },
        { #"{"type":"spo2","value":\#(94 + $0 % 5)"# },
        { #"{"type":"respiratoryRate","value":\#(14 + $0 % 5)"# },
        { #"{"type":"bodyTemperature","value":\#(36.5 + Double($0 % 7) / 10)"# },
        { #"{"type":"bloodPressure","systolic":\#(118 + $0 % 15),"diastolic":\#(76 + $0 % 9)"# },
    ]

    let configuration: Configuration
    let scratch: ScratchDirectory

    /// Seeds the server, then times each page.
    func run() async throws -> Result {
        let password = "bench-\(UInt64.random(in: 1...UInt64.max))"
        progress("starting \(configuration.vigilPath) serve")
        let server = try await VigilServerProcess.start(
            executable: configuration.vigilPath, in: scratch, adminPassword: password, name: "dashboard")
        var settings = HTTPClient.Configuration(certificateVerification: .none, redirectConfiguration: .disallow)
        settings.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 16)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
        do {
            let result = try await measure(server, client: client, password: password)
            try await client.shutdown()
            progress("stopping vigil with SIGTERM")
            try server.stop()
            return result
        } catch {
            progress("vigil log: \(server.logTail())")
            server.killNow()
            try? await client.shutdown()
            throw error
        }
    }

    private struct NewUser: Encodable {
        let username: String
        let password: String
        let role = "clinician"
        let displayName = "Benchmark clinician"
    }

    private struct CreatedUser: Decodable { let id: String }

    private struct CareTeam: Codable { let clinicianIds: [String] }

    private func measure(_ server: VigilServerProcess, client: HTTPClient, password: String) async throws -> Result {
        let base = "http://127.0.0.1:\(server.httpPort)"
        let api = try await VigilAPIClient.login(baseURL: base, username: "admin", password: password)
        let clinician = try await api.post(
            "/api/v1/users", NewUser(username: "bench-clinician", password: password), as: CreatedUser.self)
        progress("provisioning \(configuration.patients) patients with a device each on the clinician's care team")
        let devices = try await DeviceFleet.provision(
            devices: configuration.patients, patients: configuration.patients, api: api,
            tokenExpiry: Date().addingTimeInterval(6 * 3600))
        let sender = TelemetryPoster(client: client, baseURL: "https://127.0.0.1:\(server.httpsPort)")
        _ = try await DeviceFleet.inParallel(count: devices.count) { index in
            _ = try await api.put(
                "/api/v1/patients/\(devices[index].patientID)/care-team", CareTeam(clinicianIds: [clinician.id]),
                as: CareTeam.self)
            let readings = Self.vitalBodies.map { $0(index) + "}" }.joined(separator: ",")
            try await sender.post(#"{"readings":[\#(readings)]}"#, as: devices[index])
        }
        let charted = devices[0]
        let chartedReadings = try await seedHistory(of: charted, sender: sender)
        // Let live evaluation settle before timing.
        try await Task.sleep(for: .seconds(3))

        let session = try await DashboardSession.signIn(
            client: client, baseURL: base, username: "bench-clinician", password: password)
        progress("timing pages, \(configuration.requests) requests each")
        let baseline = try await time("baseline: /health/live", "/health/live", session)
        let worklist = try await time("worklist (\(configuration.patients) patients)", "/dashboard/worklist", session)
        let rows = String(buffer: try await session.fetch("/dashboard/worklist").body)
            .components(separatedBy: "<tr data-patient-id=").count - 1
        guard rows == configuration.patients else {
            throw BenchmarkError("the worklist shows \(rows) patients, not \(configuration.patients)")
        }
        var pages: [PageTiming] = []
        for range in ["24h", "7d", "30d"] {
            pages.append(
                try await time(
                    "patient page, \(range) (\(configuration.days) days of 5 vitals a minute)",
                    "/dashboard/patients/\(charted.patientID)?range=\(range)", session))
        }
        var assetBytes = 0
        for asset in ["/dashboard/static/vigil.css", "/dashboard/static/vigil.js"] {
            let fetched = try await session.fetch(asset)
            guard fetched.status == 200 else { throw BenchmarkError("\(asset) answered \(fetched.status)") }
            assetBytes += fetched.body.readableBytes
        }
        return Result(
            baseline: baseline, worklist: worklist, patientPages: pages, assetBytes: assetBytes, worklistRows: rows,
            chartedReadings: chartedReadings)
    }

    /// Posts `days` of one-a-minute readings of the five types for `device`,
    /// 200 minutes per message, ending a minute ago; returns how many.
    private func seedHistory(of device: BenchDevice, sender: TelemetryPoster) async throws -> Int {
        let minutes = configuration.days * 24 * 60 - 60
        progress("seeding \(minutes) minutes × 5 vitals on one patient")
        let end = Int64(Date().timeIntervalSince1970 / 60) - 1
        var minute = 0
        while minute < minutes {
            let chunk = min(200, minutes - minute)
            let readings = (minute..<(minute + chunk)).flatMap { offset in
                let time = PacedTelemetrySender.isoTime(millisecond: (end - Int64(minutes - offset)) * 60_000)
                return Self.vitalBodies.map { $0(offset) + #","time":"\#(time)"}"# }
            }
            try await sender.post(#"{"readings":[\#(readings.joined(separator: ","))]}"#, as: device)
            minute += chunk
        }
        return minutes * Self.vitalBodies.count
    }

    /// Fetches `path` once to warm up, then `requests` times, one at a time.
    private func time(_ name: String, _ path: String, _ session: DashboardSession) async throws -> PageTiming {
        let first = try await session.fetch(path)
        guard first.status == 200 else {
            throw BenchmarkError("\(path) answered \(first.status): \(String(buffer: first.body).prefix(300))")
        }
        var samples: [Int] = []
        for _ in 0..<configuration.requests {
            let fetched = try await session.fetch(path)
            guard fetched.status == 200 else { throw BenchmarkError("\(path) answered \(fetched.status)") }
            samples.append(fetched.microseconds)
        }
        return PageTiming(
            name: name, path: path, latency: WrkResult.Latency(microseconds: samples),
            p95: WrkResult.Latency.nearestRank(0.95, of: samples.sorted()),
            bytes: first.body.readableBytes)
    }
}

/// Posts device messages over HTTPS with a device's SAS token, expecting 204.
struct TelemetryPoster: Sendable {
    let client: HTTPClient
    /// `https://127.0.0.1:{port}`.
    let baseURL: String

    /// Posts `body` as `device`.
    ///
    /// - Throws: ``BenchmarkError`` unless the answer is 204.
    func post(_ body: String, as device: BenchDevice) async throws {
        let request = device.telemetryRequest(baseURL: baseURL, body: body)
        let response = try await client.execute(request, timeout: .seconds(60))
        let answer = try await response.body.collect(upTo: 64 * 1024)
        guard response.status == .noContent else {
            throw BenchmarkError("a device message answered \(response.status.code): \(String(buffer: answer).prefix(300))")
        }
    }
}
