import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// Cloud-to-device messages in the `cloud_messages` table, read per device
/// through its `(device_id, id)` index.
struct PostgresCloudMessageStore: CloudMessageStore {
    let database: PostgresDatabase

    private static let columns =
        "id, device_id, message_id, payload, properties, content_type, enqueued_at, expires_at"

    /// One statement: the row is inserted only while the queue is below
    /// `limit`. Two concurrent enqueues may both see room, so the limit can be
    /// passed by the number of concurrent callers; it is a guard, not an invariant.
    func enqueue(_ message: CloudMessage, limit: Int) async throws -> CloudMessage? {
        let properties = try JSONColumn.encode(message.properties)
        let enqueuedAt = message.enqueuedAt.millisecondsSince1970
        let rows = try await database.query(
            """
            INSERT INTO cloud_messages (device_id, message_id, payload, properties, content_type, enqueued_at,
                                        expires_at)
            SELECT \(message.deviceID.rawValue), \(message.messageID), \(ByteBuffer(bytes: message.payload)),
                   \(properties), \(message.contentType), \(enqueuedAt), \(message.expiresAt.millisecondsSince1970)
            WHERE (SELECT count(*) FROM cloud_messages
                   WHERE device_id = \(message.deviceID.rawValue) AND expires_at > \(enqueuedAt)) < \(limit)
            RETURNING id
            """,
            entity: "cloud message", referencing: "device")
        guard let row = rows.first else { return nil }
        var stored = message
        stored.id = try row.decode(Int64.self)
        return stored
    }

    func pending(for device: DeviceID, at now: Date, limit: Int) async throws -> [CloudMessage] {
        guard limit > 0 else { return [] }
        let rows = try await database.query(
            """
            SELECT \(unescaped: Self.columns) FROM cloud_messages
            WHERE device_id = \(device.rawValue) AND expires_at > \(now.millisecondsSince1970)
            ORDER BY id LIMIT \(limit)
            """,
            entity: "cloud message")
        return try rows.map { row in
            let (id, deviceID, messageID, payload, properties, contentType, enqueuedAt, expiresAt) = try row.decode(
                (Int64, String, String, Data, String, String?, Int64, Int64).self)
            return CloudMessage(
                id: id, deviceID: DeviceID(deviceID), messageID: messageID, payload: payload,
                properties: try JSONColumn.decode(
                    [String: String].self, from: properties, entity: "cloud message"),
                contentType: contentType, enqueuedAt: Date(millisecondsSince1970: enqueuedAt),
                expiresAt: Date(millisecondsSince1970: expiresAt))
        }
    }

    func remove(_ id: Int64) async throws {
        try await database.query("DELETE FROM cloud_messages WHERE id = \(id)", entity: "cloud message")
    }

    @discardableResult
    func removeExpired(before date: Date) async throws -> Int {
        let rows = try await database.query(
            """
            WITH deleted AS (DELETE FROM cloud_messages WHERE expires_at < \(date.millisecondsSince1970) RETURNING 1)
            SELECT count(*) FROM deleted
            """,
            entity: "cloud message")
        return try rows.first?.decode(Int.self) ?? 0
    }
}
