import Foundation
import VigilCore
import VigilGateway

/// What the load generator sends: each device with its one body, in the
/// round-robin order of the load generator.
struct LoadPlan: Sendable {
    /// The devices, in the order requests go round them.
    let devices: [BenchDevice]
    /// Each device's body, at the device's index.
    let bodies: [String]
    /// How many readings each body holds.
    let readingsPerRequest: Int

    /// The readings Vigil stores for each device's body, parsed exactly as the
    /// HTTPS endpoint parses them (`DeviceMessageParser` with the default policy).
    ///
    /// - Throws: ``BenchmarkError`` when a body would not be stored whole:
    ///   every request the benchmark sends must yield `readingsPerRequest` readings.
    func readings(receivedAt: Date) throws -> [[Reading]] {
        let parser = DeviceMessageParser()
        return try zip(devices, bodies).map { device, body in
            guard
                case .parsed(let message) = parser.parse(
                    Data(body.utf8), deviceID: DeviceID(device.id), patientID: PatientID(device.patientID),
                    transportMessageID: nil, receivedAt: receivedAt)
            else { throw BenchmarkError("Vigil's parser cannot read the body of \(device.id)") }
            guard message.rejected.isEmpty, message.readings.count == readingsPerRequest else {
                throw BenchmarkError(
                    "the body of \(device.id) yields \(message.readings.count) readings and "
                        + "\(message.rejected.count) rejections, expected \(readingsPerRequest) readings")
            }
            return message.readings
        }
    }

    /// The readings of `requests` requests sent round-robin from the first
    /// device on: what Vigil stored for that many acknowledged requests.
    func readings(ofRequests requests: Int, receivedAt: Date) throws -> [Reading] {
        let perDevice = try readings(receivedAt: receivedAt)
        var all: [Reading] = []
        all.reserveCapacity(requests * readingsPerRequest)
        for request in 0..<requests { all += perDevice[request % perDevice.count] }
        return all
    }

    /// The sustained-ingest plan: for each device one fixed native-form body
    /// of `readingsPerRequest` stable readings (seeded), checked beforehand to
    /// be read by Vigil's parser in full.
    static func sustained(devices: [BenchDevice], readingsPerRequest: Int, seed: UInt64, now: Date) throws -> Self {
        var generator = SeededGenerator(seed: seed)
        let plan = LoadPlan(
            devices: devices,
            bodies: devices.indices.map {
                TelemetryBody.native(readings: readingsPerRequest, device: $0, now: now, using: &generator)
            },
            readingsPerRequest: readingsPerRequest)
        _ = try plan.readings(receivedAt: now)
        return plan
    }
}
