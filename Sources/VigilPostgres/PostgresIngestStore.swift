import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// Group commits of device messages: readings into `readings`, refused ones
/// into `quarantine`, message ids into `device_messages` for deduplication.
struct PostgresIngestStore: IngestStore {
    let database: PostgresDatabase

    /// One statement for the whole batch, so one round trip and one implicit
    /// transaction: every part of it commits, or none does.
    ///
    /// Its data-modifying parts see one another only through `RETURNING`:
    /// `replayed` marks pending quarantined items replayed, `remembered`
    /// records the new message ids of the other messages (in key order, so
    /// concurrent batches from several nodes lock them in the same order),
    /// `stored` lists the messages that passed either check or had no id, and
    /// the last two insert only those messages' readings and quarantine items,
    /// with the same `unnest` arrays as `PostgresReadingStore`.
    ///
    /// A replay (`replayOf` set) is deduplicated by its quarantine item alone:
    /// it is stored only if the item was still pending, and its message id is
    /// neither checked nor recorded, since the message it replays may have had
    /// other readings stored under that id. Any other message with an id is
    /// stored only if its device had not sent that id before, in an earlier
    /// batch or earlier in this one. Replayed items get the time of the commit
    /// as their resolution time.
    func commit(_ messages: [IngestMessage]) async throws -> [IngestOutcome] {
        guard !messages.isEmpty else { return [] }
        let batch = PostgresIngestBatch(messages)
        let readings = batch.readings
        let items = batch.quarantined
        let query: PostgresQuery = """
            WITH message AS (
                SELECT * FROM unnest(\(batch.indexes)::int8[], \(batch.deviceIDs)::text[],
                    \(batch.messageIDs)::text[], \(batch.receivedAt)::int8[])
                    AS m(message_index, device_id, message_id, received_at)
            ), replayed AS (
                UPDATE quarantine AS q SET state = 'replayed', resolved_at = \(Date().millisecondsSince1970)
                FROM unnest(\(batch.replayIndexes)::int8[], \(batch.replayedItems)::int8[]) AS p(message_index, item_id)
                WHERE q.id = p.item_id AND q.state = 'pending'
                RETURNING p.message_index
            ), remembered AS (
                INSERT INTO device_messages (device_id, message_id, received_at)
                SELECT device_id, message_id, received_at FROM message WHERE message_id IS NOT NULL
                ORDER BY device_id, message_id
                ON CONFLICT (device_id, message_id) DO NOTHING
                RETURNING device_id, message_id
            ), stored AS (
                SELECT message_index FROM replayed
                UNION ALL
                SELECT m.message_index FROM message AS m
                JOIN remembered AS r ON r.device_id = m.device_id AND r.message_id = m.message_id
                UNION ALL
                SELECT message_index FROM message WHERE message_id IS NULL
            ), stored_readings AS (
                INSERT INTO readings (patient_id, device_id, type, value, original_value, original_unit, measured_at,
                                      received_at, message_id)
                SELECT patient_id, device_id, type, value, original_value, original_unit, measured_at, received_at,
                       message_id
                FROM unnest(\(readings.owners)::int8[], \(readings.patientIDs)::text[], \(readings.deviceIDs)::text[],
                    \(readings.types)::text[], \(readings.values)::float8[], \(readings.originalValues)::text[],
                    \(readings.originalUnits)::text[], \(readings.measuredAt)::int8[], \(readings.receivedAt)::int8[],
                    \(readings.messageIDs)::text[])
                    AS r(message_index, patient_id, device_id, type, value, original_value, original_unit, measured_at,
                         received_at, message_id)
                WHERE message_index IN (SELECT message_index FROM stored)
            ), stored_items AS (
                INSERT INTO quarantine (device_id, patient_id, message_id, received_at, reason, vital_type, payload,
                                        content_type, state, resolved_at)
                SELECT device_id, patient_id, message_id, received_at, reason, vital_type, payload, content_type, state,
                       resolved_at
                FROM unnest(\(items.owners)::int8[], \(items.deviceIDs)::text[], \(items.patientIDs)::text[],
                    \(items.messageIDs)::text[], \(items.receivedAt)::int8[], \(items.reasons)::text[],
                    \(items.vitalTypes)::text[], \(items.payloads)::bytea[], \(items.contentTypes)::text[],
                    \(items.states)::text[], \(items.resolvedAt)::int8[])
                    AS i(message_index, device_id, patient_id, message_id, received_at, reason, vital_type, payload,
                         content_type, state, resolved_at)
                WHERE message_index IN (SELECT message_index FROM stored)
            )
            SELECT message_index FROM stored
            """
        guard messages.contains(where: { !$0.events.isEmpty }) else {
            return try Self.outcomes(of: try await database.query(query, entity: "device message"), messages)
        }
        // With webhook events the batch needs an explicit transaction: the
        // events of the messages stored are written after the statement, before COMMIT.
        return try await database.transaction(entity: "device message") { transaction in
            let outcomes = try Self.outcomes(of: try await transaction.query(query), messages)
            let events = zip(messages, outcomes).filter { $0.1 == .stored }.flatMap(\.0.events)
            try await PostgresOutboxStore.enqueue(events, in: transaction)
            return outcomes
        }
    }

    /// Each message's outcome from the indexes of the messages stored.
    private static func outcomes(of rows: [PostgresRow], _ messages: [IngestMessage]) throws -> [IngestOutcome] {
        var outcomes = [IngestOutcome](repeating: .duplicate, count: messages.count)
        for row in rows {
            outcomes[Int(try row.decode(Int64.self))] = .stored
        }
        return outcomes
    }

    func forgetMessageIDs(receivedBefore date: Date) async throws -> Int {
        let rows = try await database.query(
            """
            WITH forgotten AS (
                DELETE FROM device_messages WHERE received_at < \(date.millisecondsSince1970) RETURNING 1
            )
            SELECT count(*) FROM forgotten
            """,
            entity: "device message")
        return try rows.first?.decode(Int.self) ?? 0
    }
}
