import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore
import VigilSecurity

/// A device created through the API, with what a device maker would hold.
struct TestDevice: Decodable {
    let deviceId: String
    let patientId: String
    let primaryKey: String
    let secondaryKey: String
    let connectionString: String

    /// A SAS token for this device, as the IoT Hub SDKs make it.
    func token(
        key: String? = nil, host: String = "localhost", resourceDevice: String? = nil, expiry: Date = Date().addingTimeInterval(3600)
    ) throws -> String {
        try SASToken.make(
            resource: SASVerifier.resource(hostName: host, deviceID: resourceDevice ?? deviceId),
            base64Key: key ?? primaryKey, expiry: expiry)
    }
}

extension TestWorld {
    /// Creates a device for patient A through the admin API.
    func createDevice(_ client: any TestClientProtocol, id: String? = nil) async throws -> TestDevice {
        let body = id.map { #"{"deviceId":"\#($0)","patientId":"\#(patientA.id)"}"# } ?? #"{"patientId":"\#(patientA.id)"}"#
        let response = try await client.execute(uri: "/api/v1/devices", method: .post, headers: headers(.admin), body: .json(body))
        try #require(response.status == .created, "\(response.text)")
        return try response.json(TestDevice.self)
    }

    /// Posts telemetry as a device would over HTTPS.
    func send(
        _ client: any TestClientProtocol, device: TestDevice, body: String, token: String? = nil,
        contentType: String? = "application/json", messageID: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        headers[.authorization] = try token ?? device.token()
        if let contentType { headers[.contentType] = contentType }
        if let messageID { headers[HTTPField.Name("iothub-messageid")!] = messageID }
        let path = device.deviceId.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? device.deviceId
        return try await client.execute(
            uri: "/devices/\(path)/messages/events?api-version=2021-04-12", method: .post, headers: headers,
            body: ByteBuffer(string: body))
    }

    /// Patient A's stored readings, newest first, through the API; without the
    /// NEWS2 scores Vigil derives from them (`news2Totals` has those).
    func readings(_ client: any TestClientProtocol) async throws -> [StoredReading] {
        let response = try await client.execute(
            uri: "/api/v1/patients/\(patientA.id)/observations", method: .get, headers: headers(.admin))
        return try response.json([StoredReading].self).filter { $0.type != VitalType.news2Score.rawValue }
    }

    /// The quarantine as an admin sees it.
    func quarantine(_ client: any TestClientProtocol) async throws -> [QuarantinedItem] {
        let response = try await client.execute(uri: "/api/v1/quarantine", method: .get, headers: headers(.admin))
        return try response.json([QuarantinedItem].self)
    }
}

/// A reading as the observations API returns it.
struct StoredReading: Decodable, Equatable {
    let type: String
    let value: Double
    let originalValue: String
    let originalUnit: String?
    let messageId: String?
}

/// A quarantined item as the API returns it.
struct QuarantinedItem: Decodable {
    let id: Int64
    let deviceId: String?
    let reason: String
    let state: String
    let payload: String
}

/// A clock tests can move.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date()) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}
