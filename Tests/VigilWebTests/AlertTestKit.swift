import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore

/// An alert as the API returns it.
struct AlertBody: Decodable, Sendable {
    let id: String
    /// Absent for an operational alert.
    let patientId: String?
    let ruleId: String
    let title: String
    let severity: String
    let state: String
    let escalationLevel: Int
    let nextEscalationAt: String?
    let occurrences: Int
    let acknowledgedBy: String?
    let acknowledgementNote: String?
    let resolvedBy: String?
    let resolutionNote: String?
}

/// One vital-sign observation set, sent as one device message.
struct Vitals {
    var respiratoryRate: Double?
    var spo2: Double?
    var systolic: Double?
    var heartRate: Double?
    var temperature: Double?
    var weight: Double?
    var glucose: Double?

    /// A native-form message body; readings are measured at the receive time.
    var body: String {
        var readings: [String] = []
        if let respiratoryRate { readings.append(#"{"type":"respiratoryRate","value":\#(respiratoryRate)}"#) }
        if let spo2 { readings.append(#"{"type":"spo2","value":\#(spo2)}"#) }
        if let systolic {
            readings.append(#"{"type":"bloodPressure","systolic":\#(systolic),"diastolic":\#(systolic * 0.6)}"#)
        }
        if let heartRate { readings.append(#"{"type":"heartRate","value":\#(heartRate)}"#) }
        if let temperature { readings.append(#"{"type":"bodyTemperature","value":\#(temperature)}"#) }
        if let weight { readings.append(#"{"type":"bodyWeight","value":\#(weight)}"#) }
        if let glucose { readings.append(#"{"type":"bloodGlucose","value":\#(glucose)}"#) }
        return #"{"readings":[\#(readings.joined(separator: ","))]}"#
    }
}

extension TestWorld {
    /// Sends one observation set as the device, expects 204, and waits until
    /// the live evaluation of what it committed has finished.
    func post(_ vitals: Vitals, _ client: any TestClientProtocol, device: TestDevice) async throws {
        let response = try await send(
            client, device: device, body: vitals.body, token: device.token(expiry: Date().addingTimeInterval(86_400)))
        try #require(response.status == .noContent, "\(response.text)")
        await assembly.monitoring.evaluator.idle()
    }

    /// Alerts as `caller` sees them through the API.
    func alerts(
        _ client: any TestClientProtocol, as caller: Caller = .assignedClinician, query: String = ""
    ) async throws -> [AlertBody] {
        let response = try await client.execute(
            uri: "/api/v1/alerts\(query.isEmpty ? "" : "?" + query)", method: .get, headers: headers(caller))
        try #require(response.status == .ok, "\(response.text)")
        return try response.json([AlertBody].self)
    }

    /// Acknowledges or resolves an alert as `caller`.
    func act(
        _ action: String, on alert: String, _ client: any TestClientProtocol, as caller: Caller = .assignedClinician,
        note: String? = nil
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/alerts/\(alert)/\(action)", method: .post, headers: headers(caller),
            body: note.map { .json(#"{"note":"\#($0)"}"#) })
    }

    /// Patient A's stored NEWS2 totals, newest first.
    func news2Totals(_ client: any TestClientProtocol) async throws -> [Double] {
        let response = try await client.execute(
            uri: "/api/v1/patients/\(patientA.id)/observations?type=news2Score", method: .get, headers: headers(.admin))
        try #require(response.status == .ok, "\(response.text)")
        return try response.json([StoredReading].self).map(\.value)
    }

    /// Sets patient A's conditions as the admin.
    func setConditions(_ conditions: [String], _ client: any TestClientProtocol) async throws {
        let names = conditions.map { "\"\($0)\"" }.joined(separator: ",")
        let response = try await client.execute(
            uri: "/api/v1/patients/\(patientA.id)", method: .put, headers: headers(.admin),
            body: .json(#"{"conditions":[\#(names)]}"#))
        try #require(response.status == .ok, "\(response.text)")
    }

    /// The server-sent events `caller` receives, replayed from the start of
    /// the stream. Closes the event bus first, so that the stream ends after
    /// the replay (a live stream never ends).
    func replayedEvents(_ client: any TestClientProtocol, as caller: Caller) async throws -> [(type: String, data: String)] {
        await assembly.monitoring.bus.close()
        var fields = headers(caller)
        fields[HTTPField.Name("Last-Event-ID")!] = "0"
        let response = try await client.execute(uri: "/api/v1/events", method: .get, headers: fields)
        try #require(response.status == .ok, "\(response.text)")
        #expect(response.headers[.contentType] == "text/event-stream")
        return response.text.components(separatedBy: "\n\n").compactMap { frame in
            let lines = frame.split(separator: "\n")
            guard let type = lines.first(where: { $0.hasPrefix("event: ") }),
                let data = lines.first(where: { $0.hasPrefix("data: ") })
            else { return nil }
            return (String(type.dropFirst(7)), String(data.dropFirst(6)))
        }
    }
}

extension TestClock {
    /// A clock 30 hours in the past, so that a test can move a day ahead and
    /// still present the tokens it issued at the real time.
    static func dayBehind() -> TestClock {
        TestClock(Date(millisecondsSince1970: Date().addingTimeInterval(-30 * 3600).millisecondsSince1970))
    }

    /// Moves the clock on by some minutes.
    func advance(minutes: Double) { advance(by: minutes * 60) }
}
