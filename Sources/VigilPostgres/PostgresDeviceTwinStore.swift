import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// Device twins in the `device_twins` table, one row per device once written.
struct PostgresDeviceTwinStore: DeviceTwinStore {
    let database: PostgresDatabase

    func twin(of device: DeviceID) async throws -> DeviceTwin {
        let rows = try await database.query(
            """
            SELECT desired, desired_version, reported, reported_version FROM device_twins
            WHERE device_id = \(device.rawValue)
            """,
            entity: "device twin")
        guard let row = rows.first else { return .empty(device) }
        let (desired, desiredVersion, reported, reportedVersion) = try row.decode((String, Int64, String, Int64).self)
        return DeviceTwin(
            deviceID: device, desired: desired, desiredVersion: desiredVersion, reported: reported,
            reportedVersion: reportedVersion)
    }

    /// Two statements, each atomic on its own: the first creates the empty
    /// twin if there is none (concurrent creators do not conflict), the second
    /// changes it only where the version is still the expected one.
    func replace(
        _ side: DeviceTwin.Side, of device: DeviceID, with document: String, expectedVersion: Int64, at time: Date
    ) async throws -> DeviceTwin? {
        let updatedAt = time.millisecondsSince1970
        try await database.query(
            """
            INSERT INTO device_twins (device_id, desired, desired_version, reported, reported_version, updated_at)
            VALUES (\(device.rawValue), '{}', \(DeviceTwin.initialVersion), '{}', \(DeviceTwin.initialVersion),
                    \(updatedAt))
            ON CONFLICT (device_id) DO NOTHING
            """,
            entity: "device twin", referencing: "device")
        let column = side == .desired ? "desired" : "reported"
        let rows = try await database.query(
            """
            UPDATE device_twins SET \(unescaped: column) = \(document),
                \(unescaped: column)_version = \(unescaped: column)_version + 1, updated_at = \(updatedAt)
            WHERE device_id = \(device.rawValue) AND \(unescaped: column)_version = \(expectedVersion)
            RETURNING desired, desired_version, reported, reported_version
            """,
            entity: "device twin")
        guard let row = rows.first else { return nil }
        let (desired, desiredVersion, reported, reportedVersion) = try row.decode((String, Int64, String, Int64).self)
        return DeviceTwin(
            deviceID: device, desired: desired, desiredVersion: desiredVersion, reported: reported,
            reportedVersion: reportedVersion)
    }
}
