import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// Devices in the `devices` table.
struct PostgresDeviceStore: DeviceStore {
    let database: PostgresDatabase

    func create(_ device: Device) async throws {
        try await database.query(
            """
            INSERT INTO devices (id, patient_id, is_disabled, created_at)
            VALUES (\(device.id.rawValue), \(device.patientID.rawValue), \(device.isDisabled),
                    \(device.createdAt.millisecondsSince1970))
            """,
            entity: "device", referencing: "patient")
    }

    func update(_ device: Device) async throws {
        let rows = try await database.query(
            """
            UPDATE devices SET patient_id = \(device.patientID.rawValue), is_disabled = \(device.isDisabled),
                created_at = \(device.createdAt.millisecondsSince1970)
            WHERE id = \(device.id.rawValue)
            RETURNING id
            """,
            entity: "device", referencing: "patient")
        if rows.isEmpty { throw StoreError(.notFound, entity: "device") }
    }

    func device(_ id: DeviceID) async throws -> Device? {
        let rows = try await database.query(
            "SELECT id, patient_id, is_disabled, created_at FROM devices WHERE id = \(id.rawValue)", entity: "device")
        return try rows.first.map(Self.decode)
    }

    func devices(of patient: PatientID?) async throws -> [Device] {
        let rows: [PostgresRow]
        if let patient {
            rows = try await database.query(
                """
                SELECT id, patient_id, is_disabled, created_at FROM devices WHERE patient_id = \(patient.rawValue)
                ORDER BY id COLLATE "C"
                """,
                entity: "device")
        } else {
            rows = try await database.query(
                "SELECT id, patient_id, is_disabled, created_at FROM devices ORDER BY id COLLATE \"C\"",
                entity: "device")
        }
        return try rows.map(Self.decode)
    }

    private static func decode(_ row: PostgresRow) throws -> Device {
        let (id, patientID, isDisabled, createdAt) = try row.decode((String, String, Bool, Int64).self)
        return Device(
            id: DeviceID(id), patientID: PatientID(patientID), isDisabled: isDisabled,
            createdAt: Date(millisecondsSince1970: createdAt))
    }
}
