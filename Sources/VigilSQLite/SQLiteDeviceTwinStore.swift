import Foundation
import GRDB
import VigilCore
import VigilStore

/// Device twins in `device_twins`, one row per device once written.
struct SQLiteDeviceTwinStore: DeviceTwinStore {
    let pool: DatabasePool

    func twin(of device: DeviceID) async throws -> DeviceTwin {
        try await SQLiteErrors.translating(entity: "device twin") {
            try await pool.read { db in try Self.twin(of: device, in: db) }
        }
    }

    /// One write transaction: SQLite has a single writer, so reading the
    /// version and writing the document cannot interleave with another write.
    func replace(
        _ side: DeviceTwin.Side, of device: DeviceID, with document: String, expectedVersion: Int64, at time: Date
    ) async throws -> DeviceTwin? {
        try await SQLiteErrors.translating(entity: "device twin", referencing: "device") {
            try await pool.write { db in
                var twin = try Self.twin(of: device, in: db)
                guard twin.version(side) == expectedVersion else { return nil }
                switch side {
                case .desired:
                    twin.desired = document
                    twin.desiredVersion += 1
                case .reported:
                    twin.reported = document
                    twin.reportedVersion += 1
                }
                try db.execute(
                    sql: """
                        INSERT INTO device_twins (
                            device_id, desired, desired_version, reported, reported_version, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (device_id) DO UPDATE SET desired = excluded.desired,
                            desired_version = excluded.desired_version, reported = excluded.reported,
                            reported_version = excluded.reported_version, updated_at = excluded.updated_at
                        """,
                    arguments: [
                        device.rawValue, twin.desired, twin.desiredVersion, twin.reported, twin.reportedVersion,
                        time.millisecondsSince1970,
                    ])
                return twin
            }
        }
    }

    private static func twin(of device: DeviceID, in db: Database) throws -> DeviceTwin {
        guard
            let row = try Row.fetchOne(
                db,
                sql:
                    "SELECT desired, desired_version, reported, reported_version FROM device_twins WHERE device_id = ?",
                arguments: [device.rawValue])
        else { return .empty(device) }
        return DeviceTwin(
            deviceID: device, desired: try row.decode(atIndex: 0), desiredVersion: try row.decode(atIndex: 1),
            reported: try row.decode(atIndex: 2), reportedVersion: try row.decode(atIndex: 3))
    }
}
