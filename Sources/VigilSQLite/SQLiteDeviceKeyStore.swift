import Foundation
import GRDB
import VigilCore
import VigilStore

/// Sealed device keys in `device_keys`, one row per device.
struct SQLiteDeviceKeyStore: DeviceKeyStore {
    let pool: DatabasePool

    /// Throws `StoreError.notFound` (entity `device`) if the device does not exist.
    func setKeys(_ keys: SealedDeviceKeys, for device: DeviceID) async throws {
        try await SQLiteErrors.translating(entity: "device keys", referencing: "device") {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO device_keys (device_id, primary_key, secondary_key, updated_at)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (device_id) DO UPDATE SET primary_key = excluded.primary_key,
                            secondary_key = excluded.secondary_key, updated_at = excluded.updated_at
                        """,
                    arguments: [device.rawValue, keys.primary, keys.secondary, Date().millisecondsSince1970])
            }
        }
    }

    func keys(of device: DeviceID) async throws -> SealedDeviceKeys? {
        try await SQLiteErrors.translating(entity: "device keys") {
            try await pool.read { db in
                try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT primary_key, secondary_key FROM device_keys WHERE device_id = ?"),
                    arguments: [device.rawValue]
                ).map { row in
                    SealedDeviceKeys(primary: try row.decode(atIndex: 0), secondary: try row.decode(atIndex: 1))
                }
            }
        }
    }

    func allKeys() async throws -> [DeviceID: SealedDeviceKeys] {
        try await SQLiteErrors.translating(entity: "device keys") {
            try await pool.read { db in
                var keys: [DeviceID: SealedDeviceKeys] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT device_id, primary_key, secondary_key FROM device_keys")
                while let row = try rows.next() {
                    keys[DeviceID(try row.decode(String.self, atIndex: 0))] = SealedDeviceKeys(
                        primary: try row.decode(atIndex: 1), secondary: try row.decode(atIndex: 2))
                }
                return keys
            }
        }
    }

    /// One write transaction; each row changes only if both its keys still equal the expected ones.
    @discardableResult
    func replaceKeys(
        _ changes: [DeviceID: (expected: SealedDeviceKeys, new: SealedDeviceKeys)]
    ) async throws -> Int {
        guard !changes.isEmpty else { return 0 }
        let updatedAt = Date().millisecondsSince1970
        return try await SQLiteErrors.translating(entity: "device keys") {
            try await pool.write { db in
                let statement = try db.cachedStatement(
                    sql: """
                        UPDATE device_keys SET primary_key = ?, secondary_key = ?, updated_at = ?
                        WHERE device_id = ? AND primary_key = ? AND secondary_key = ?
                        """)
                var changed = 0
                for (device, change) in changes {
                    try statement.execute(arguments: [
                        change.new.primary, change.new.secondary, updatedAt, device.rawValue, change.expected.primary,
                        change.expected.secondary,
                    ])
                    changed += db.changesCount
                }
                return changed
            }
        }
    }
}
