import Foundation
import VigilSecurity

/// Registers patients and devices through Vigil's REST API, as an
/// administrator would, and signs a SAS token for each device from the
/// connection string Vigil returned.
enum DeviceFleet {
    private struct NewPatient: Encodable {
        let displayName: String
    }

    private struct CreatedPatient: Decodable {
        let id: String
    }

    private struct NewDevice: Encodable {
        let deviceId: String
        let patientId: String
    }

    private struct CreatedDevice: Decodable {
        let deviceId: String
        let patientId: String
        let connectionString: String
    }

    /// How many API requests are in flight at once while provisioning.
    private static let concurrency = 8

    /// Creates `patients` patients and `devices` devices spread evenly over
    /// them (`POST /api/v1/patients`, `POST /api/v1/devices`).
    ///
    /// - Parameter tokenExpiry: when every device's SAS token expires.
    /// - Returns: the devices in id order, each with its token.
    static func provision(devices: Int, patients: Int, api: VigilAPIClient, tokenExpiry: Date) async throws
        -> [BenchDevice]
    {
        let patientIDs = try await inParallel(count: patients) { index in
            try await api.post(
                "/api/v1/patients", NewPatient(displayName: "Benchmark patient \(index + 1)"), as: CreatedPatient.self
            ).id
        }
        let width = String(devices - 1).count
        return try await inParallel(count: devices) { index in
            let number = String(index)
            let id = "bench-" + String(repeating: "0", count: width - number.count) + number
            let created = try await api.post(
                "/api/v1/devices", NewDevice(deviceId: id, patientId: patientIDs[index % patients]),
                as: CreatedDevice.self)
            return BenchDevice(
                id: created.deviceId, patientID: created.patientId,
                token: try token(connectionString: created.connectionString, expiry: tokenExpiry))
        }
    }

    /// A SAS token from a connection string
    /// (`HostName=…;DeviceId=…;SharedAccessKey=…`), as the IoT Hub SDKs compute it.
    static func token(connectionString: String, expiry: Date) throws -> String {
        var fields: [Substring: Substring] = [:]
        for part in connectionString.split(separator: ";") {
            guard let equals = part.firstIndex(of: "=") else { continue }
            fields[part[..<equals]] = part[part.index(after: equals)...]
        }
        guard let host = fields["HostName"], let device = fields["DeviceId"], let key = fields["SharedAccessKey"] else {
            throw BenchmarkError("a connection string lacks HostName, DeviceId or SharedAccessKey")
        }
        return try SASToken.make(
            resource: SASVerifier.resource(hostName: String(host), deviceID: String(device)), base64Key: String(key),
            expiry: expiry)
    }

    /// Runs `body` for indexes `0..<count`, at most ``concurrency`` at a time;
    /// the results in index order.
    static func inParallel<Result: Sendable>(
        count: Int, _ body: @escaping @Sendable (Int) async throws -> Result
    ) async throws -> [Result] {
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: count)
            var next = 0
            while next < min(concurrency, count) {
                let index = next
                group.addTask { (index, try await body(index)) }
                next += 1
            }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < count {
                    let index = next
                    group.addTask { (index, try await body(index)) }
                    next += 1
                }
            }
            return results.compactMap { $0 }
        }
    }
}
