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

    func claimDue(
        now: Date, leaseUntil: Date, limit: Int, perEndpoint: Int, excluding: Set<WebhookEndpointID>
    ) async throws -> [DueDelivery] {
        let excluded = excluding.map(\.rawValue)
        let placeholders = excluded.isEmpty ? "" : "AND d.endpoint_id NOT IN (\(excluded.map { _ in "?" }.joined(separator: ",")))"
        return try await SQLiteErrors.translating(entity: "webhook delivery") {
            try await pool.write { db in
                var arguments: StatementArguments = [now.millisecondsSince1970]
                arguments += StatementArguments(excluded)
                arguments += [perEndpoint, limit]
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, endpoint_id, attempts, event_id FROM (
                            SELECT d.id, d.endpoint_id, d.attempts, d.event_id,
                                   row_number() OVER (PARTITION BY d.endpoint_id ORDER BY d.id) AS rank
                            FROM webhook_deliveries AS d
                            WHERE d.state = 'pending' AND d.next_attempt_at <= ? \(placeholders)
                              AND d.endpoint_id IN (SELECT id FROM webhook_endpoints WHERE enabled = 1)
                              AND NOT EXISTS (
                                SELECT 1 FROM webhook_deliveries AS p
                                WHERE p.endpoint_id = d.endpoint_id AND p.patient_key = d.patient_key
                                  AND p.state = 'pending' AND p.id < d.id)
                        ) WHERE rank <= ? ORDER BY id LIMIT ?
                        """,
                    arguments: arguments)
                let lease = try db.cachedStatement(sql: "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?")
                return try rows.map { row in
                    let id: Int64 = row[0]
                    try lease.execute(arguments: [leaseUntil.millisecondsSince1970, id])
                    guard let event = try Self.event(row[3], in: db) else {
                        throw StoreError(.notFound, entity: "webhook event")
                    }
                    return DueDelivery(
                        deliveryID: id, endpointID: WebhookEndpointID(row[1] as String), event: event, attempts: row[2])
                }
            }
        }
    }

    func record(_ outcomes: [DeliveryOutcome]) async throws {
        guard !outcomes.isEmpty else { return }
        try await SQLiteErrors.translating(entity: "webhook delivery") {
            try await pool.write { db in
                let update = try db.cachedStatement(sql: Self.recordSQL)
                for outcome in outcomes {
                    let attempt = outcome.attempt
                    try update.execute(arguments: [
                        outcome.state.rawValue, outcome.nextAttemptAt?.millisecondsSince1970,
                        attempt.attemptedAt.millisecondsSince1970, attempt.status, attempt.error,
                        attempt.durationMilliseconds, outcome.deliveryID,
                    ])
                }
            }
        }
    }

    private static let recordSQL = """
        UPDATE webhook_deliveries SET state = ?, attempts = attempts + 1, next_attempt_at = ?,
            last_attempt_at = ?, last_status = ?, last_error = ?, last_duration_ms = ?
        WHERE id = ?
        """

    func deliveries(of endpoint: WebhookEndpointID, limit: Int) async throws -> [WebhookDelivery] {
        try await SQLiteErrors.translating(entity: "webhook delivery") {
            try await pool.read { db in
                try Row.fetchAll(
                    db, sql: "\(Self.selectDeliveries) WHERE d.endpoint_id = ? ORDER BY d.id DESC LIMIT ?",
                    arguments: [endpoint.rawValue, limit]
                ).map(Self.delivery(from:))
            }
        }
    }

    func delivery(_ deliveryID: Int64, of endpoint: WebhookEndpointID) async throws -> WebhookDelivery? {
        try await SQLiteErrors.translating(entity: "webhook delivery") {
            try await pool.read { db in
                try Row.fetchOne(
                    db, sql: "\(Self.selectDeliveries) WHERE d.id = ? AND d.endpoint_id = ?",
                    arguments: [deliveryID, endpoint.rawValue]
                ).map(Self.delivery(from:))
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
               d.created_at, d.last_attempt_at, d.last_status, d.last_error, d.last_duration_ms
        FROM webhook_deliveries AS d JOIN outbox_events AS e ON e.id = d.event_id
        """

    private static func delivery(from row: Row) throws -> WebhookDelivery {
        guard let state = WebhookDelivery.State(rawValue: row[5]) else {
            throw StoreError(.unavailable, entity: "webhook delivery")
        }
        let lastAttempt = (row[9] as Int64?).map { at in
            DeliveryAttempt(
                attemptedAt: Date(millisecondsSince1970: at), status: row[10], error: row[11],
                durationMilliseconds: row[12] ?? 0)
        }
        return WebhookDelivery(
            id: row[0], endpointID: WebhookEndpointID(row[1] as String), eventID: row[2], eventType: row[3],
            patientID: (row[4] as String?).map { PatientID($0) }, state: state, attempts: row[6],
            nextAttemptAt: (row[7] as Int64?).map(Date.init(millisecondsSince1970:)),
            createdAt: Date(millisecondsSince1970: row[8]), lastAttempt: lastAttempt)
    }

    private static func event(_ id: String, in db: Database) throws -> OutboxEvent? {
        try Row.fetchOne(
            db, sql: "SELECT id, type, patient_id, occurred_at, payload FROM outbox_events WHERE id = ?", arguments: [id]
        ).map { row in
            OutboxEvent(
                id: row[0], type: row[1], patientID: (row[2] as String?).map { PatientID($0) },
                occurredAt: Date(millisecondsSince1970: row[3]), payload: row[4])
        }
    }
}
