import Foundation
import GRDB
import VigilCore
import VigilStore

/// Group commits of device messages: readings into `readings`, refused ones
/// into `quarantine`, message ids into `device_messages` for deduplication.
struct SQLiteIngestStore: IngestStore {
    let pool: DatabasePool

    /// Marks a quarantined item replayed unless it was resolved already.
    static let replaySQL = """
        UPDATE quarantine SET state = 'replayed', resolved_at = ? WHERE id = ? AND state = 'pending'
        """

    /// Records a message id; changes nothing when the device sent that id before.
    static let rememberSQL = """
        INSERT INTO device_messages (device_id, message_id, received_at) VALUES (?, ?, ?)
        ON CONFLICT (device_id, message_id) DO NOTHING
        """

    /// One write transaction for the whole batch, with cached statements, in message order.
    ///
    /// A replay (`replayOf` set) is deduplicated by its quarantine item alone: it
    /// is stored only if the item was still pending, and its message id is
    /// neither checked nor recorded, since the message it replays may have had
    /// other readings stored under that id. Any other message with an id is
    /// stored only if its device had not sent that id before, in an earlier
    /// batch or earlier in this one. Replayed items get the time of the commit
    /// as their resolution time.
    func commit(_ messages: [IngestMessage]) async throws -> [IngestOutcome] {
        guard !messages.isEmpty else { return [] }
        let now = Date().millisecondsSince1970
        return try await SQLiteErrors.translating(entity: "device message") {
            try await pool.write { db in
                let replay = try db.cachedStatement(sql: Self.replaySQL)
                let remember = try db.cachedStatement(sql: Self.rememberSQL)
                return try messages.map { message in
                    if let item = message.replayOf {
                        try replay.execute(arguments: [now, item])
                        guard db.changesCount > 0 else { return .duplicate }
                    } else if let messageID = message.messageID {
                        try remember.execute(arguments: [
                            message.deviceID.rawValue, messageID, message.receivedAt.millisecondsSince1970,
                        ])
                        guard db.changesCount > 0 else { return .duplicate }
                    }
                    try SQLiteReadingStore.insert(message.readings, in: db)
                    _ = try SQLiteQuarantineStore.insert(message.quarantined, in: db)
                    try SQLiteOutboxStore.enqueue(message.events, in: db)
                    return .stored
                }
            }
        }
    }

    func forgetMessageIDs(receivedBefore date: Date) async throws -> Int {
        try await SQLiteErrors.translating(entity: "device message") {
            try await pool.write { db in
                try db.execute(
                    sql: "DELETE FROM device_messages WHERE received_at < ?", arguments: [date.millisecondsSince1970])
                return db.changesCount
            }
        }
    }
}
