import Foundation
import VigilSimulator

/// The simulated devices enrolled in a running Vigil, each with a key.
///
/// Enrolment is repeatable: a device that exists already (same id, from an
/// earlier run with the same seed) keeps its patient and gets a new primary
/// key; otherwise its patient is created (with the profile's conditions and
/// NEWS2 scale) and the device enrolled.
struct SimulatedFleet: Sendable {
    /// The primary key of each device, by device id.
    let keys: [String: String]

    private struct Credentials: Decodable {
        let deviceId: String
        let patientId: String
        let primaryKey: String
    }

    private struct DeviceRecord: Decodable {
        let patientId: String
    }

    private struct NewPatient: Encodable {
        let displayName: String
        let conditions: [String]
        let news2Scale: Int
    }

    private struct PatientRecord: Decodable {
        let id: String
    }

    private struct NewDevice: Encodable {
        let deviceId: String
        let patientId: String
    }

    private struct Rotation: Encodable {
        let key = "primary"
    }

    static func enrol(_ plan: SimulationPlan, api: SimulationAPIClient) async throws -> Self {
        var keys: [String: String] = [:]
        let wanted = Set(plan.devices.map(\.deviceID))
        for patient in plan.patients {
            let devices = patient.devices.filter { wanted.contains($0.deviceID) }
            guard !devices.isEmpty else { continue }
            var patientID: String?
            for device in devices {
                let (status, data) = try await api.call("GET", "/api/v1/devices/\(device.deviceID)")
                if status == 200 {
                    patientID = try JSONDecoder().decode(DeviceRecord.self, from: data).patientId
                    break
                }
            }
            if patientID == nil {
                patientID = try await api.call(
                    "POST", "/api/v1/patients",
                    NewPatient(
                        displayName: "Simulated patient \(patient.index) (\(patient.profile.rawValue))",
                        conditions: patient.profile.conditions.map(\.rawValue),
                        news2Scale: patient.profile.news2Scale.rawValue),
                    as: PatientRecord.self
                ).id
            }
            guard let patientID else { continue }
            for device in devices {
                let (status, data) = try await api.call(
                    "POST", "/api/v1/devices", NewDevice(deviceId: device.deviceID, patientId: patientID))
                if (200..<300).contains(status) {
                    keys[device.deviceID] = try JSONDecoder().decode(Credentials.self, from: data).primaryKey
                } else if status == 409 {
                    keys[device.deviceID] = try await api.call(
                        "POST", "/api/v1/devices/\(device.deviceID)/keys/rotate", Rotation(), as: Credentials.self
                    ).primaryKey
                } else {
                    throw SimulationError("enrolling device \(device.deviceID) answered \(status)")
                }
            }
        }
        return Self(keys: keys)
    }
}
