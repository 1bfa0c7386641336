import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// Persistent MQTT sessions in the `device_sessions` table, one row per device.
struct PostgresDeviceSessionStore: DeviceSessionStore {
    let database: PostgresDatabase

    func session(of device: DeviceID) async throws -> DeviceSession? {
        let rows = try await database.query(
            "SELECT subscriptions, updated_at FROM device_sessions WHERE device_id = \(device.rawValue)",
            entity: "device session")
        return try rows.first.map { row in
            let (subscriptions, updatedAt) = try row.decode((String, Int64).self)
            return DeviceSession(
                deviceID: device,
                subscriptions: try JSONColumn.decode(
                    [DeviceSession.Subscription].self, from: subscriptions, entity: "device session"),
                updatedAt: Date(millisecondsSince1970: updatedAt))
        }
    }

    func save(_ session: DeviceSession) async throws {
        let subscriptions = try JSONColumn.encode(session.subscriptions)
        try await database.query(
            """
            INSERT INTO device_sessions (device_id, subscriptions, updated_at)
            VALUES (\(session.deviceID.rawValue), \(subscriptions), \(session.updatedAt.millisecondsSince1970))
            ON CONFLICT (device_id) DO UPDATE SET subscriptions = excluded.subscriptions,
                updated_at = excluded.updated_at
            """,
            entity: "device session", referencing: "device")
    }

    func removeSession(of device: DeviceID) async throws {
        try await database.query(
            "DELETE FROM device_sessions WHERE device_id = \(device.rawValue)", entity: "device session")
    }
}
