import Foundation
import GRDB
import VigilCore
import VigilStore

/// Devices in `devices`.
struct SQLiteDeviceStore: DeviceStore {
    let pool: DatabasePool

    private static let columns = "id, patient_id, is_disabled, created_at"

    /// Also throws `StoreError.notFound` (entity `patient`) if the patient does not exist.
    func create(_ device: Device) async throws {
        try await SQLiteErrors.translating(entity: "device", referencing: "patient") {
            try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO devices (\(Self.columns)) VALUES (:id, :patientID, :isDisabled, :createdAt)",
                    arguments: Self.arguments(for: device))
            }
        }
    }

    /// Also throws `StoreError.notFound` (entity `patient`) if the new patient does not exist.
    func update(_ device: Device) async throws {
        try await SQLiteErrors.translating(entity: "device", referencing: "patient") {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE devices SET patient_id = :patientID, is_disabled = :isDisabled, created_at = :createdAt
                        WHERE id = :id
                        """,
                    arguments: Self.arguments(for: device))
                if db.changesCount == 0 { throw StoreError(.notFound, entity: "device") }
            }
        }
    }

    func device(_ id: DeviceID) async throws -> Device? {
        try await SQLiteErrors.translating(entity: "device") {
            try await pool.read { db in
                try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT \(Self.columns) FROM devices WHERE id = ?"), arguments: [id.rawValue])
                    .map(Self.device(from:))
            }
        }
    }

    func devices(of patient: PatientID?) async throws -> [Device] {
        try await SQLiteErrors.translating(entity: "device") {
            try await pool.read { db in
                if let patient {
                    try Row.fetchAll(
                        db, sql: "SELECT \(Self.columns) FROM devices WHERE patient_id = ? ORDER BY id",
                        arguments: [patient.rawValue]
                    ).map(Self.device(from:))
                } else {
                    try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM devices ORDER BY id").map(Self.device(from:))
                }
            }
        }
    }

    /// A device's column values, named after its properties.
    private static func arguments(for device: Device) -> StatementArguments {
        [
            "id": device.id.rawValue, "patientID": device.patientID.rawValue, "isDisabled": device.isDisabled,
            "createdAt": device.createdAt.millisecondsSince1970,
        ]
    }

    /// Decodes a row selected as `columns`.
    private static func device(from row: Row) throws -> Device {
        Device(
            id: DeviceID(try row.decode(String.self, atIndex: 0)),
            patientID: PatientID(try row.decode(String.self, atIndex: 1)),
            isDisabled: try row.decode(atIndex: 2),
            createdAt: Date(millisecondsSince1970: try row.decode(atIndex: 3)))
    }
}
