import Foundation
import GRDB
import VigilCore
import VigilStore

/// Webhook endpoints in `webhook_endpoints`, their event types in `webhook_subscriptions`.
struct SQLiteWebhookStore: WebhookStore {
    let pool: DatabasePool

    private static let columns = """
        id, url, description, sealed_secret, previous_sealed_secret, previous_secret_expires_at, enabled,
        disabled_reason, failing_since, last_dead_letter_at, dead_letter_count, created_at
        """

    func create(_ endpoint: WebhookEndpoint) async throws {
        try await SQLiteErrors.translating(entity: "webhook endpoint") {
            try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO webhook_endpoints (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: Self.arguments(endpoint))
                try Self.replaceSubscriptions(of: endpoint, in: db)
            }
        }
    }

    func endpoint(_ id: WebhookEndpointID) async throws -> WebhookEndpoint? {
        try await SQLiteErrors.translating(entity: "webhook endpoint") {
            try await pool.read { db in
                try Self.fetch(db, where: "WHERE id = ?", arguments: [id.rawValue]).first
            }
        }
    }

    func endpoints() async throws -> [WebhookEndpoint] {
        try await SQLiteErrors.translating(entity: "webhook endpoint") {
            try await pool.read { db in try Self.fetch(db, where: "", arguments: []) }
        }
    }

    func update(_ endpoint: WebhookEndpoint) async throws {
        try await SQLiteErrors.translating(entity: "webhook endpoint") {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE webhook_endpoints SET url = ?, description = ?, sealed_secret = ?,
                            previous_sealed_secret = ?, previous_secret_expires_at = ?, enabled = ?,
                            disabled_reason = ?, failing_since = ?, last_dead_letter_at = ?, dead_letter_count = ?
                        WHERE id = ?
                        """,
                    arguments: [
                        endpoint.url, endpoint.description, endpoint.sealedSecret, endpoint.previousSealedSecret,
                        endpoint.previousSecretExpiresAt?.millisecondsSince1970, endpoint.enabled,
                        endpoint.disabledReason, endpoint.failingSince?.millisecondsSince1970,
                        endpoint.lastDeadLetterAt?.millisecondsSince1970, endpoint.deadLetterCount, endpoint.id.rawValue,
                    ])
                guard db.changesCount > 0 else { throw StoreError(.notFound, entity: "webhook endpoint") }
                try Self.replaceSubscriptions(of: endpoint, in: db)
            }
        }
    }

    func replaceSealedSecrets(
        of id: WebhookEndpointID, expected: WebhookSealedSecrets, new: WebhookSealedSecrets
    ) async throws -> Bool {
        try await SQLiteErrors.translating(entity: "webhook endpoint") {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE webhook_endpoints SET sealed_secret = ?, previous_sealed_secret = ?
                        WHERE id = ? AND sealed_secret = ? AND previous_sealed_secret IS ?
                        """,
                    arguments: [new.current, new.previous, id.rawValue, expected.current, expected.previous])
                return db.changesCount == 1
            }
        }
    }

    func delete(_ id: WebhookEndpointID) async throws {
        try await SQLiteErrors.translating(entity: "webhook endpoint") {
            try await pool.write { db in
                try db.execute(sql: "DELETE FROM webhook_endpoints WHERE id = ?", arguments: [id.rawValue])
                guard db.changesCount > 0 else { throw StoreError(.notFound, entity: "webhook endpoint") }
            }
        }
    }

    func recordHealth(_ id: WebhookEndpointID, succeeded: Bool, at time: Date) async throws -> Date? {
        try await SQLiteErrors.translating(entity: "webhook endpoint") {
            try await pool.write { db in
                if succeeded {
                    try db.execute(
                        sql: "UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ?", arguments: [id.rawValue])
                    return nil
                }
                try db.execute(
                    sql: "UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, ?) WHERE id = ?",
                    arguments: [time.millisecondsSince1970, id.rawValue])
                let since = try Int64.fetchOne(
                    db, sql: "SELECT failing_since FROM webhook_endpoints WHERE id = ?", arguments: [id.rawValue])
                return since.map(Date.init(millisecondsSince1970:))
            }
        }
    }

    func disable(_ id: WebhookEndpointID, reason: String) async throws {
        try await SQLiteErrors.translating(entity: "webhook endpoint") {
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE webhook_endpoints SET enabled = 0, disabled_reason = ? WHERE id = ?",
                    arguments: [reason, id.rawValue])
                guard db.changesCount > 0 else { throw StoreError(.notFound, entity: "webhook endpoint") }
            }
        }
    }

    func recordDeadLetter(_ id: WebhookEndpointID, at time: Date) async throws {
        try await SQLiteErrors.translating(entity: "webhook endpoint") {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE webhook_endpoints SET last_dead_letter_at = ?, dead_letter_count = dead_letter_count + 1
                        WHERE id = ?
                        """,
                    arguments: [time.millisecondsSince1970, id.rawValue])
            }
        }
    }

    private static func arguments(_ endpoint: WebhookEndpoint) -> StatementArguments {
        [
            endpoint.id.rawValue, endpoint.url, endpoint.description, endpoint.sealedSecret,
            endpoint.previousSealedSecret, endpoint.previousSecretExpiresAt?.millisecondsSince1970,
            endpoint.enabled, endpoint.disabledReason, endpoint.failingSince?.millisecondsSince1970,
            endpoint.lastDeadLetterAt?.millisecondsSince1970, endpoint.deadLetterCount,
            endpoint.createdAt.millisecondsSince1970,
        ]
    }

    private static func replaceSubscriptions(of endpoint: WebhookEndpoint, in db: Database) throws {
        try db.execute(sql: "DELETE FROM webhook_subscriptions WHERE endpoint_id = ?", arguments: [endpoint.id.rawValue])
        for type in endpoint.eventTypes.sorted() {
            try db.execute(
                sql: "INSERT INTO webhook_subscriptions (endpoint_id, event_type) VALUES (?, ?)",
                arguments: [endpoint.id.rawValue, type])
        }
    }

    private static func fetch(_ db: Database, where clause: String, arguments: StatementArguments) throws
        -> [WebhookEndpoint]
    {
        let rows = try Row.fetchAll(
            db, sql: "SELECT \(columns) FROM webhook_endpoints \(clause) ORDER BY created_at, id", arguments: arguments)
        return try rows.map { row in
            let id: String = row[0]
            let types = try String.fetchAll(
                db, sql: "SELECT event_type FROM webhook_subscriptions WHERE endpoint_id = ?", arguments: [id])
            let date: (Int) -> Date? = { index in (row[index] as Int64?).map(Date.init(millisecondsSince1970:)) }
            return WebhookEndpoint(
                id: WebhookEndpointID(id), url: row[1], eventTypes: Set(types), description: row[2],
                sealedSecret: row[3], previousSealedSecret: row[4], previousSecretExpiresAt: date(5),
                enabled: row[6], disabledReason: row[7], failingSince: date(8), lastDeadLetterAt: date(9),
                deadLetterCount: row[10], createdAt: Date(millisecondsSince1970: row[11]))
        }
    }
}
