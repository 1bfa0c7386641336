import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// Sealed device keys in the `device_keys` table, one row per device.
struct PostgresDeviceKeyStore: DeviceKeyStore {
    let database: PostgresDatabase

    /// Throws `StoreError.notFound` (entity `device`) if the device does not exist.
    func setKeys(_ keys: SealedDeviceKeys, for device: DeviceID) async throws {
        try await database.query(
            """
            INSERT INTO device_keys (device_id, primary_key, secondary_key, updated_at)
            VALUES (\(device.rawValue), \(keys.primary), \(keys.secondary), \(Date().millisecondsSince1970))
            ON CONFLICT (device_id) DO UPDATE SET primary_key = excluded.primary_key,
                secondary_key = excluded.secondary_key, updated_at = excluded.updated_at
            """,
            entity: "device keys", referencing: "device")
    }

    func keys(of device: DeviceID) async throws -> SealedDeviceKeys? {
        let rows = try await database.query(
            "SELECT primary_key, secondary_key FROM device_keys WHERE device_id = \(device.rawValue)",
            entity: "device keys")
        return try rows.first.map { row in
            let (primary, secondary) = try row.decode((String, String).self)
            return SealedDeviceKeys(primary: primary, secondary: secondary)
        }
    }

    func allKeys() async throws -> [DeviceID: SealedDeviceKeys] {
        let rows = try await database.query(
            "SELECT device_id, primary_key, secondary_key FROM device_keys", entity: "device keys")
        var keys: [DeviceID: SealedDeviceKeys] = [:]
        for row in rows {
            let (device, primary, secondary) = try row.decode((String, String, String).self)
            keys[DeviceID(device)] = SealedDeviceKeys(primary: primary, secondary: secondary)
        }
        return keys
    }

    /// One statement, so one transaction; each row changes only if both its
    /// keys still equal the expected ones.
    @discardableResult
    func replaceKeys(
        _ changes: [DeviceID: (expected: SealedDeviceKeys, new: SealedDeviceKeys)]
    ) async throws -> Int {
        guard !changes.isEmpty else { return 0 }
        let devices = changes.map(\.key.rawValue)
        let expectedPrimary = changes.map(\.value.expected.primary)
        let expectedSecondary = changes.map(\.value.expected.secondary)
        let newPrimary = changes.map(\.value.new.primary)
        let newSecondary = changes.map(\.value.new.secondary)
        let rows = try await database.query(
            """
            WITH changed AS (
                UPDATE device_keys AS k
                SET primary_key = c.new_primary, secondary_key = c.new_secondary,
                    updated_at = \(Date().millisecondsSince1970)
                FROM unnest(\(devices)::text[], \(expectedPrimary)::text[], \(expectedSecondary)::text[],
                    \(newPrimary)::text[], \(newSecondary)::text[])
                    AS c(device_id, expected_primary, expected_secondary, new_primary, new_secondary)
                WHERE k.device_id = c.device_id AND k.primary_key = c.expected_primary
                  AND k.secondary_key = c.expected_secondary
                RETURNING 1
            )
            SELECT count(*) FROM changed
            """,
            entity: "device keys")
        return try rows.first?.decode(Int.self) ?? 0
    }
}
