import Foundation
import GRDB
import VigilCore
import VigilStore

/// Cloud-to-device messages in `cloud_messages`, read per device through its `(device_id, id)` index.
struct SQLiteCloudMessageStore: CloudMessageStore {
    let pool: DatabasePool

    private static let columns =
        "id, device_id, message_id, payload, properties, content_type, enqueued_at, expires_at"

    /// One write transaction, so the queue-depth check and the insert see the same queue.
    func enqueue(_ message: CloudMessage, limit: Int) async throws -> CloudMessage? {
        let properties = try JSONColumn.encode(message.properties)
        return try await SQLiteErrors.translating(entity: "cloud message", referencing: "device") {
            try await pool.write { db in
                let queued =
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM cloud_messages WHERE device_id = ? AND expires_at > ?",
                        arguments: [message.deviceID.rawValue, message.enqueuedAt.millisecondsSince1970]) ?? 0
                guard queued < limit else { return nil }
                // coalesce: SQLite binds an empty `Data` as NULL, but an empty body is a payload too.
                try db.execute(
                    sql: """
                        INSERT INTO cloud_messages (
                            device_id, message_id, payload, properties, content_type, enqueued_at, expires_at)
                        VALUES (?, ?, coalesce(?, X''), ?, ?, ?, ?)
                        """,
                    arguments: [
                        message.deviceID.rawValue, message.messageID, message.payload, properties, message.contentType,
                        message.enqueuedAt.millisecondsSince1970, message.expiresAt.millisecondsSince1970,
                    ])
                var stored = message
                stored.id = db.lastInsertedRowID
                return stored
            }
        }
    }

    func pending(for device: DeviceID, at now: Date, limit: Int) async throws -> [CloudMessage] {
        guard limit > 0 else { return [] }
        return try await SQLiteErrors.translating(entity: "cloud message") {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Self.columns) FROM cloud_messages
                        WHERE device_id = ? AND expires_at > ? ORDER BY id LIMIT ?
                        """,
                    arguments: [device.rawValue, now.millisecondsSince1970, limit]
                ).map(Self.message(from:))
            }
        }
    }

    func remove(_ id: Int64) async throws {
        try await SQLiteErrors.translating(entity: "cloud message") {
            try await pool.write { db in try db.execute(sql: "DELETE FROM cloud_messages WHERE id = ?", arguments: [id])
            }
        }
    }

    func removeExpired(before date: Date) async throws -> Int {
        try await SQLiteErrors.translating(entity: "cloud message") {
            try await pool.write { db in
                try db.execute(
                    sql: "DELETE FROM cloud_messages WHERE expires_at < ?", arguments: [date.millisecondsSince1970])
                return db.changesCount
            }
        }
    }

    private static func message(from row: Row) throws -> CloudMessage {
        CloudMessage(
            id: try row.decode(atIndex: 0), deviceID: DeviceID(try row.decode(String.self, atIndex: 1)),
            messageID: try row.decode(atIndex: 2), payload: try row.decode(Data?.self, atIndex: 3) ?? Data(),
            properties: try JSONColumn.decode(
                [String: String].self, from: try row.decode(atIndex: 4), entity: "cloud message"),
            contentType: try row.decode(atIndex: 5),
            enqueuedAt: Date(millisecondsSince1970: try row.decode(atIndex: 6)),
            expiresAt: Date(millisecondsSince1970: try row.decode(atIndex: 7)))
    }
}
