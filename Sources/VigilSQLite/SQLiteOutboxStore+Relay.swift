import Foundation
import GRDB
import VigilCore
import VigilStore

/// The relay's writes: outcomes recorded and deliveries claimed.
///
/// Each step is one statement over a JSON array of rows (`json_each`), not
/// one statement per delivery, and commits without waiting for the disk
/// (``DatabasePool/writeUnflushed(_:)``): the relay shares the one writer with
/// ingest, and what it writes can be lost in a power cut without harm (a
/// delivery whose outcome is lost is sent again, as at-least-once allows).
extension SQLiteOutboxStore {
    func recordAndClaimDue(
        _ outcomes: [DeliveryOutcome], now: Date, leaseUntil: Date, limit: Int, perEndpoint: Int,
        excluding: Set<WebhookEndpointID>
    ) async throws -> [DueDelivery] {
        let recorded = try DeliveryOutcome.jsonRows(outcomes)
        return try await SQLiteErrors.translating(entity: "webhook delivery") {
            try await pool.writeUnflushed { db in
                try Self.record(recorded, in: db)
                let endpoints = try String.fetchAll(
                    db, sql: "SELECT id FROM webhook_endpoints WHERE enabled = 1 ORDER BY id"
                ).filter { !excluding.contains(WebhookEndpointID($0)) }
                var claimed: [Claimed] = []
                for endpoint in endpoints where claimed.count < limit {
                    claimed += try Self.heads(
                        of: endpoint, dueBy: now.millisecondsSince1970, limit: min(perEndpoint, limit - claimed.count),
                        in: db)
                }
                guard !claimed.isEmpty else { return [] }
                claimed.sort { $0.id < $1.id }
                try db.cachedStatement(sql: Self.leaseSQL).execute(arguments: [
                    leaseUntil.millisecondsSince1970, try JSONColumn.encode(claimed.map(\.id)),
                ])
                let events = try Self.events(Set(claimed.map(\.event)), in: db)
                return try claimed.map { delivery in
                    guard let event = events[delivery.event] else { throw StoreError(.notFound, entity: "webhook event") }
                    return DueDelivery(
                        deliveryID: delivery.id, endpointID: WebhookEndpointID(delivery.endpoint), event: event,
                        attempts: delivery.attempts)
                }
            }
        }
    }

    func record(_ outcomes: [DeliveryOutcome]) async throws {
        guard !outcomes.isEmpty else { return }
        let recorded = try DeliveryOutcome.jsonRows(outcomes)
        try await SQLiteErrors.translating(entity: "webhook delivery") {
            try await pool.writeUnflushed { db in try Self.record(recorded, in: db) }
        }
    }

    /// Writes outcomes (`DeliveryOutcome.jsonRows`): each delivery's attempt, numbered
    /// after its earlier ones, then its new state. Deliveries gone meanwhile are skipped.
    private static func record(_ outcomes: String?, in db: Database) throws {
        guard let outcomes else { return }
        try db.cachedStatement(sql: attemptsSQL).execute(arguments: [outcomes])
        try db.cachedStatement(sql: outcomesSQL).execute(arguments: [outcomes])
    }

    /// The events of `ids`, by id.
    private static func events(_ ids: Set<String>, in db: Database) throws -> [String: OutboxEvent] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: eventsSQL), arguments: [JSONColumn.encode(Array(ids))])
        var events: [String: OutboxEvent] = [:]
        for row in rows {
            let event = OutboxEvent(
                id: row[0], type: row[1], patientID: (row[2] as String?).map { PatientID($0) },
                occurredAt: Date(millisecondsSince1970: row[3]), payload: row[4])
            events[event.id] = event
        }
        return events
    }

    /// Keeps each outcome's attempt, numbered after the delivery's earlier ones.
    private static let attemptsSQL = """
        INSERT INTO webhook_attempts (delivery_id, number, attempted_at, status, error, duration_ms)
        SELECT d.id, (SELECT coalesce(max(number), 0) + 1 FROM webhook_attempts WHERE delivery_id = d.id),
               json_extract(o.value, '$.at'), json_extract(o.value, '$.status'), json_extract(o.value, '$.error'),
               json_extract(o.value, '$.ms')
        FROM json_each(?) AS o JOIN webhook_deliveries AS d ON d.id = json_extract(o.value, '$.id')
        """

    /// Each outcome's delivery: its new state, one attempt more, when it is next due.
    private static let outcomesSQL = """
        UPDATE webhook_deliveries
        SET state = json_extract(o.value, '$.state'), attempts = attempts + 1,
            next_attempt_at = json_extract(o.value, '$.next')
        FROM json_each(?) AS o WHERE webhook_deliveries.id = json_extract(o.value, '$.id')
        """

    /// A delivery a claim reserved, before its event is read.
    private struct Claimed {
        let id: Int64
        let endpoint: String
        let attempts: Int
        let event: String
    }

    /// An endpoint's due deliveries that are first in line for their patient,
    /// oldest first.
    ///
    /// Walks the endpoint's pending deliveries in order: a delivery is first in
    /// line unless one walked before it (older, still pending: in flight or
    /// waiting for a retry) is for the same patient. The walk stops at the
    /// limit, so a long backlog costs little more than a short one, and
    /// finishing a delivery leaves only one index (`webhook_deliveries_pending`).
    private static func heads(of endpoint: String, dueBy now: Int64, limit: Int, in db: Database) throws -> [Claimed] {
        let pending = try Row.fetchCursor(db.cachedStatement(sql: pendingSQL), arguments: [endpoint])
        var patientsWalked: Set<String> = []
        var heads: [Claimed] = []
        while heads.count < limit, let row = try pending.next() {
            let firstOfPatient = patientsWalked.insert(row[3]).inserted
            guard firstOfPatient, let due: Int64 = row[4], due <= now else { continue }
            heads.append(Claimed(id: row[0], endpoint: endpoint, attempts: row[1], event: row[2]))
        }
        return heads
    }

    /// An endpoint's pending deliveries, oldest first.
    private static let pendingSQL = """
        SELECT id, attempts, event_id, patient_key, next_attempt_at FROM webhook_deliveries
        INDEXED BY webhook_deliveries_pending WHERE endpoint_id = ? AND state = 'pending' ORDER BY id
        """

    /// Reserves the claimed deliveries (a JSON array of ids) until the lease ends.
    private static let leaseSQL = """
        UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id IN (SELECT value FROM json_each(?))
        """

    /// The events of a JSON array of ids.
    private static let eventsSQL = """
        SELECT id, type, patient_id, occurred_at, payload FROM outbox_events
        WHERE id IN (SELECT value FROM json_each(?))
        """
}
