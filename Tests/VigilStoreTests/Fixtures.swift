import Foundation
import VigilCore
import VigilStore

/// Records and times for the contract tests. Every time is a whole number of
/// milliseconds, the precision stores keep.
enum Fixtures {
    /// 2027-01-15T08:00:00Z: on the hour, so hourly buckets start here.
    static let base = Date(millisecondsSince1970: 1_800_000_000_000)

    /// `base` plus some minutes.
    static func minutes(_ count: Int64) -> Date {
        Date(millisecondsSince1970: base.millisecondsSince1970 + count * 60_000)
    }

    /// `base` plus some milliseconds.
    static func milliseconds(_ count: Int64) -> Date {
        Date(millisecondsSince1970: base.millisecondsSince1970 + count)
    }

    static func patient(_ displayName: String = "Test Patient", id: String = UUID().uuidString.lowercased()) -> Patient
    {
        Patient(id: PatientID(id), displayName: displayName, createdAt: base)
    }

    static func user(
        _ username: String, role: Role = .clinician, patient: PatientID? = nil, id: UserID = .random()
    ) -> User {
        User(
            id: id, username: username, displayName: "User \(username)", role: role, patientID: patient,
            passwordHash: "$2b$12$hash-of-\(username)", createdAt: base)
    }

    static func reading(
        _ patient: PatientID, _ type: VitalType, _ value: Double, at time: Date, device: DeviceID? = nil
    ) -> Reading {
        Reading(
            patientID: patient, deviceID: device, type: type, value: value, measuredAt: time,
            receivedAt: Date(millisecondsSince1970: time.millisecondsSince1970 + 1500))
    }

    /// Creates a patient with one device and returns both ids.
    static func seedPatient(in store: any Store, _ displayName: String = "Test Patient") async throws -> (
        PatientID, DeviceID
    ) {
        let patient = patient(displayName)
        try await store.patients.create(patient)
        let device = Device(id: DeviceID("device-\(patient.id.rawValue)"), patientID: patient.id, createdAt: base)
        try await store.devices.create(device)
        return (patient.id, device.id)
    }
}
