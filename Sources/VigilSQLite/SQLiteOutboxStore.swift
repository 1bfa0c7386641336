import Foundation
import GRDB
import VigilCore
import VigilStore

/// The transactional outbox in `outbox_events`, deliveries in `webhook_deliveries`.
struct SQLiteOutboxStore: OutboxStore {
    let pool: DatabasePool

    /// Writes an event unless its id exists.
    static let eventSQL = """
        INSERT INTO outbox_events (id, type, patient_id, occurred_at, payload) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (id) DO NOTHING
        """

    /// One pending delivery per enabled endpoint subscribed to the event's type.
    static let fanOutSQL = """
        INSERT INTO webhook_deliveries (endpoint_id, event_id, patient_key, state, attempts, next_attempt_at, created_at)
        SELECT e.id, ?, ?, 'pending', 0, ?, ? FROM webhook_subscriptions AS s
        JOIN webhook_endpoints AS e ON e.id = s.endpoint_id
        WHERE s.event_type = ? AND e.enabled = 1
        """

    /// Writes `events` and their deliveries inside the caller's write transaction.
    ///
    /// This is the "transactional" in transactional outbox: any store of this
    /// backend that changes something webhook subscribers hear about (ingest,
    /// alerts) calls it inside the same `pool.write` as the change, so the
    /// event exists if and only if the change committed. An event whose id
    /// exists already is left as it is and not fanned out again.
    static func enqueue(_ events: [OutboxEvent], in db: Database) throws {
        guard !events.isEmpty else { return }
        let insertEvent = try db.cachedStatement(sql: eventSQL)
        let fanOut = try db.cachedStatement(sql: fanOutSQL)
        for event in events {
            let occurred = event.occurredAt.millisecondsSince1970
            try insertEvent.execute(arguments: [
                event.id, event.type, event.patientID?.rawValue, occurred, event.payload,
            ])
            guard db.changesCount > 0 else { continue }
            let now = Date().millisecondsSince1970
            try fanOut.execute(arguments: [event.id, event.patientID?.rawValue ?? "", now, now, event.type])
        }
    }

    func enqueue(_ events: [OutboxEvent]) async throws {
        try await SQLiteErrors.translating(entity: "webhook event") {
            try await pool.write { db in try Self.enqueue(events, in: db) }
        }
    }

    func deliveries(of endpoint: WebhookEndpointID, limit: Int) async throws -> [WebhookDelivery] {
        try await SQLiteErrors.translating(entity: "webhook delivery") {
            try await pool.read { db in
                try Self.deliveries(
                    Row.fetchAll(
                        db, sql: "\(Self.selectDeliveries) WHERE d.endpoint_id = ? ORDER BY d.id DESC LIMIT ?",
                        arguments: [endpoint.rawValue, limit]),
                    in: db)
            }
        }
    }

    func delivery(_ deliveryID: Int64, of endpoint: WebhookEndpointID) async throws -> WebhookDelivery? {
        try await SQLiteErrors.translating(entity: "webhook delivery") {
            try await pool.read { db in
                try Self.deliveries(
                    Row.fetchAll(
                        db, sql: "\(Self.selectDeliveries) WHERE d.id = ? AND d.endpoint_id = ?",
                        arguments: [deliveryID, endpoint.rawValue]),
                    in: db
                ).first
            }
        }
    }

    func replay(_ deliveryID: Int64, of endpoint: WebhookEndpointID, now: Date) async throws {
        try await SQLiteErrors.translating(entity: "webhook delivery") {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?
                        WHERE id = ? AND endpoint_id = ?
                        """,
                    arguments: [now.millisecondsSince1970, deliveryID, endpoint.rawValue])
                guard db.changesCount > 0 else { throw StoreError(.notFound, entity: "webhook delivery") }
            }
        }
    }

    private static let selectDeliveries = """
        SELECT d.id, d.endpoint_id, d.event_id, e.type, e.patient_id, d.state, d.attempts, d.next_attempt_at,
               d.created_at
        FROM webhook_deliveries AS d JOIN outbox_events AS e ON e.id = d.event_id
        """

    /// Deliveries from rows selected as `selectDeliveries`, each with its attempts.
    private static func deliveries(_ rows: [Row], in db: Database) throws -> [WebhookDelivery] {
        guard !rows.isEmpty else { return [] }
        let ids: [Int64] = rows.map { $0[0] }
        var history: [Int64: [DeliveryAttempt]] = [:]
        let attempts = try Row.fetchAll(
            db,
            sql: """
                SELECT delivery_id, attempted_at, status, error, duration_ms FROM webhook_attempts
                WHERE delivery_id IN (\(ids.map { _ in "?" }.joined(separator: ","))) ORDER BY delivery_id, number
                """,
            arguments: StatementArguments(ids))
        for row in attempts {
            history[row[0], default: []].append(
                DeliveryAttempt(
                    attemptedAt: Date(millisecondsSince1970: row[1]), status: row[2], error: row[3],
                    durationMilliseconds: row[4]))
        }
        return try rows.map { row in
            guard let state = WebhookDelivery.State(rawValue: row[5]) else {
                throw StoreError(.unavailable, entity: "webhook delivery")
            }
            return WebhookDelivery(
                id: row[0], endpointID: WebhookEndpointID(row[1] as String), eventID: row[2], eventType: row[3],
                patientID: (row[4] as String?).map { PatientID($0) }, state: state, attempts: row[6],
                nextAttemptAt: (row[7] as Int64?).map(Date.init(millisecondsSince1970:)),
                createdAt: Date(millisecondsSince1970: row[8]), history: history[row[0]] ?? [])
        }
    }
}
