import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// The transactional outbox in `outbox_events`, deliveries in `webhook_deliveries`.
struct PostgresOutboxStore: OutboxStore {
    let database: PostgresDatabase

    /// The advisory lock that serializes claims across nodes ("VigilOBX"), so
    /// two relays never claim the same delivery or two of one patient's.
    static let claimLockKey: Int64 = 0x5669_6769_6C4F_4258

    /// Writes `events` and their deliveries inside the caller's transaction.
    ///
    /// This is the "transactional" in transactional outbox: any store of this
    /// backend that changes something webhook subscribers hear about (ingest,
    /// alerts) calls it inside the same `database.transaction` as the change,
    /// so the event exists if and only if the change committed. Deliveries get
    /// ids in the order of `events`. An event whose id exists already is left
    /// as it is and not fanned out again.
    static func enqueue(_ events: [OutboxEvent], in transaction: PostgresTransaction) async throws {
        guard !events.isEmpty else { return }
        var payloads: [ByteBuffer] = []
        for event in events { payloads.append(ByteBuffer(bytes: event.payload)) }
        let now = Date().millisecondsSince1970
        try await transaction.execute(
            """
            WITH event AS (
                SELECT * FROM unnest(\(events.map(\.id))::text[], \(events.map(\.type))::text[],
                    \(PostgresTextArray(elements: events.map { $0.patientID?.rawValue }))::text[],
                    \(events.map { $0.occurredAt.millisecondsSince1970 })::int8[], \(payloads)::bytea[])
                    WITH ORDINALITY AS e(id, type, patient_id, occurred_at, payload, position)
            ), inserted AS (
                INSERT INTO outbox_events (id, type, patient_id, occurred_at, payload)
                SELECT id, type, patient_id, occurred_at, payload FROM event
                ON CONFLICT (id) DO NOTHING
                RETURNING id
            )
            INSERT INTO webhook_deliveries (endpoint_id, event_id, patient_key, state, attempts, next_attempt_at,
                                            created_at)
            SELECT s.endpoint_id, e.id, coalesce(e.patient_id, ''), 'pending', 0, \(now), \(now)
            FROM event AS e
            JOIN inserted AS i ON i.id = e.id
            JOIN webhook_subscriptions AS s ON s.event_type = e.type
            JOIN webhook_endpoints AS w ON w.id = s.endpoint_id AND w.enabled
            ORDER BY e.position, s.endpoint_id
            """)
    }

    func enqueue(_ events: [OutboxEvent]) async throws {
        try await database.transaction(entity: "webhook event") { transaction in
            try await Self.enqueue(events, in: transaction)
        }
    }

    func recordAndClaimDue(
        _ outcomes: [DeliveryOutcome], now: Date, leaseUntil: Date, limit: Int, perEndpoint: Int,
        excluding: Set<WebhookEndpointID>
    ) async throws -> [DueDelivery] {
        try await database.unflushedTransaction(entity: "webhook delivery") { transaction in
            try await Self.record(outcomes, in: transaction)
            try await transaction.execute("SELECT pg_advisory_xact_lock(\(Self.claimLockKey))")
            let endpoints = try await transaction.query(
                "SELECT id FROM webhook_endpoints WHERE enabled ORDER BY id"
            ).map { try $0.decode(String.self) }.filter { !excluding.contains(WebhookEndpointID($0)) }
            var heads: [Int64] = []
            for endpoint in endpoints where heads.count < limit {
                // The endpoint's due deliveries first in line for their patient, walking its
                // pending deliveries in order and stopping at the limit.
                heads += try await transaction.query(
                    """
                    SELECT d.id FROM webhook_deliveries AS d
                    WHERE d.endpoint_id = \(endpoint) AND d.state = 'pending'
                      AND d.next_attempt_at <= \(now.millisecondsSince1970)
                      AND NOT EXISTS (
                        SELECT 1 FROM webhook_deliveries AS p
                        WHERE p.endpoint_id = d.endpoint_id AND p.patient_key = d.patient_key
                          AND p.state = 'pending' AND p.id < d.id)
                    ORDER BY d.id LIMIT \(min(perEndpoint, limit - heads.count))
                    """
                ).map { try $0.decode(Int64.self) }
            }
            let rows = try await transaction.query(
                """
                WITH leased AS (
                    UPDATE webhook_deliveries AS d SET next_attempt_at = \(leaseUntil.millisecondsSince1970)
                    WHERE d.id = ANY(\(heads)::bigint[])
                    RETURNING d.id, d.endpoint_id, d.attempts, d.event_id
                )
                SELECT l.id, l.endpoint_id, l.attempts, e.id, e.type, e.patient_id, e.occurred_at, e.payload
                FROM leased AS l JOIN outbox_events AS e ON e.id = l.event_id
                ORDER BY l.id
                """)
            return try rows.map { row in
                let (id, endpoint, attempts, eventID, type, patient, occurred, payload) = try row.decode(
                    (Int64, String, Int, String, String, String?, Int64, ByteBuffer).self)
                let event = OutboxEvent(
                    id: eventID, type: type, patientID: patient.map { PatientID($0) },
                    occurredAt: Date(millisecondsSince1970: occurred), payload: Data(buffer: payload))
                return DueDelivery(
                    deliveryID: id, endpointID: WebhookEndpointID(endpoint), event: event, attempts: attempts)
            }
        }
    }

    func record(_ outcomes: [DeliveryOutcome]) async throws {
        guard !outcomes.isEmpty else { return }
        try await database.unflushedTransaction(entity: "webhook delivery") { transaction in
            try await Self.record(outcomes, in: transaction)
        }
    }

    /// Writes outcomes (`DeliveryOutcome.jsonRows`) in one statement: each
    /// delivery's new state and its attempt, numbered after its earlier ones
    /// (nothing when the delivery is gone).
    private static func record(_ outcomes: [DeliveryOutcome], in transaction: PostgresTransaction) async throws {
        guard let rows = try DeliveryOutcome.jsonRows(outcomes) else { return }
        try await transaction.execute(
            """
            WITH o AS (
                SELECT * FROM jsonb_to_recordset(\(rows)::jsonb)
                    AS o(id bigint, state text, next bigint, at bigint, status int, error text, ms int)
            ), attempts AS (
                INSERT INTO webhook_attempts (delivery_id, number, attempted_at, status, error, duration_ms)
                SELECT d.id, (SELECT coalesce(max(number), 0) + 1 FROM webhook_attempts WHERE delivery_id = d.id),
                    o.at, o.status, o.error, o.ms
                FROM o JOIN webhook_deliveries AS d ON d.id = o.id
            )
            UPDATE webhook_deliveries AS d SET state = o.state, attempts = d.attempts + 1, next_attempt_at = o.next
            FROM o WHERE d.id = o.id
            """)
    }

    func deliveries(of endpoint: WebhookEndpointID, limit: Int) async throws -> [WebhookDelivery] {
        try await withHistory(
            database.query(
                """
                SELECT \(unescaped: Self.deliveryColumns) WHERE d.endpoint_id = \(endpoint.rawValue)
                ORDER BY d.id DESC LIMIT \(limit)
                """,
                entity: "webhook delivery"))
    }

    func delivery(_ deliveryID: Int64, of endpoint: WebhookEndpointID) async throws -> WebhookDelivery? {
        try await withHistory(
            database.query(
                """
                SELECT \(unescaped: Self.deliveryColumns)
                WHERE d.id = \(deliveryID) AND d.endpoint_id = \(endpoint.rawValue)
                """,
                entity: "webhook delivery")
        ).first
    }

    func replay(_ deliveryID: Int64, of endpoint: WebhookEndpointID, now: Date) async throws {
        let rows = try await database.query(
            """
            UPDATE webhook_deliveries SET state = 'pending', attempts = 0,
                next_attempt_at = \(now.millisecondsSince1970)
            WHERE id = \(deliveryID) AND endpoint_id = \(endpoint.rawValue) RETURNING 1
            """,
            entity: "webhook delivery")
        guard !rows.isEmpty else { throw StoreError(.notFound, entity: "webhook delivery") }
    }

    /// A delivery's columns and the tables they come from, as `withHistory` reads them.
    private static let deliveryColumns = """
        d.id, d.endpoint_id, d.event_id, e.type, e.patient_id, d.state, d.attempts, d.next_attempt_at, d.created_at
        FROM webhook_deliveries AS d JOIN outbox_events AS e ON e.id = d.event_id
        """

    /// The deliveries of rows selected as `deliveryColumns`, each with its attempts.
    private func withHistory(_ rows: [PostgresRow]) async throws -> [WebhookDelivery] {
        let columns = try rows.map {
            try $0.decode((Int64, String, String, String, String?, String, Int, Int64?, Int64).self)
        }
        guard !columns.isEmpty else { return [] }
        let attempts = try await database.query(
            """
            SELECT delivery_id, attempted_at, status, error, duration_ms FROM webhook_attempts
            WHERE delivery_id = ANY(\(columns.map(\.0))::bigint[]) ORDER BY delivery_id, number
            """,
            entity: "webhook delivery")
        var history: [Int64: [DeliveryAttempt]] = [:]
        for row in attempts {
            let (delivery, at, status, error, duration) = try row.decode((Int64, Int64, Int?, String?, Int).self)
            history[delivery, default: []].append(
                DeliveryAttempt(
                    attemptedAt: Date(millisecondsSince1970: at), status: status, error: error,
                    durationMilliseconds: duration))
        }
        return try columns.map { columns in
            guard let state = WebhookDelivery.State(rawValue: columns.5) else {
                throw StoreError(.unavailable, entity: "webhook delivery")
            }
            return WebhookDelivery(
                id: columns.0, endpointID: WebhookEndpointID(columns.1), eventID: columns.2, eventType: columns.3,
                patientID: columns.4.map { PatientID($0) }, state: state, attempts: columns.6,
                nextAttemptAt: columns.7.map(Date.init(millisecondsSince1970:)),
                createdAt: Date(millisecondsSince1970: columns.8), history: history[columns.0] ?? [])
        }
    }
}
