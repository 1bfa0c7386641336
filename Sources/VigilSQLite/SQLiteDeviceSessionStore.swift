import Foundation
import GRDB
import VigilCore
import VigilStore

/// Persistent MQTT sessions in `device_sessions`, one row per device.
struct SQLiteDeviceSessionStore: DeviceSessionStore {
    let pool: DatabasePool

    func session(of device: DeviceID) async throws -> DeviceSession? {
        try await SQLiteErrors.translating(entity: "device session") {
            try await pool.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT subscriptions, updated_at FROM device_sessions WHERE device_id = ?",
                    arguments: [device.rawValue]
                ).map { row in
                    DeviceSession(
                        deviceID: device,
                        subscriptions: try JSONColumn.decode(
                            [DeviceSession.Subscription].self, from: try row.decode(atIndex: 0),
                            entity: "device session"),
                        updatedAt: Date(millisecondsSince1970: try row.decode(atIndex: 1)))
                }
            }
        }
    }

    func save(_ session: DeviceSession) async throws {
        let subscriptions = try JSONColumn.encode(session.subscriptions)
        try await SQLiteErrors.translating(entity: "device session", referencing: "device") {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO device_sessions (device_id, subscriptions, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT (device_id) DO UPDATE SET subscriptions = excluded.subscriptions,
                            updated_at = excluded.updated_at
                        """,
                    arguments: [session.deviceID.rawValue, subscriptions, session.updatedAt.millisecondsSince1970])
            }
        }
    }

    func removeSession(of device: DeviceID) async throws {
        try await SQLiteErrors.translating(entity: "device session") {
            try await pool.write { db in
                try db.execute(sql: "DELETE FROM device_sessions WHERE device_id = ?", arguments: [device.rawValue])
            }
        }
    }
}
