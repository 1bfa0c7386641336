import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// Webhook endpoints in `webhook_endpoints`, their event types in `webhook_subscriptions`.
struct PostgresWebhookStore: WebhookStore {
    let database: PostgresDatabase

    private static let select = """
        SELECT id, url, description, sealed_secret, previous_sealed_secret, previous_secret_expires_at, enabled,
               disabled_reason, failing_since, last_dead_letter_at, dead_letter_count, created_at,
               ARRAY(SELECT event_type FROM webhook_subscriptions AS s WHERE s.endpoint_id = w.id)
        FROM webhook_endpoints AS w
        """

    func create(_ endpoint: WebhookEndpoint) async throws {
        try await database.transaction(entity: "webhook endpoint") { transaction in
            try await transaction.execute(
                """
                INSERT INTO webhook_endpoints (id, url, description, sealed_secret, previous_sealed_secret,
                    previous_secret_expires_at, enabled, disabled_reason, failing_since, last_dead_letter_at,
                    dead_letter_count, created_at)
                VALUES (\(endpoint.id.rawValue), \(endpoint.url), \(endpoint.description), \(endpoint.sealedSecret),
                    \(endpoint.previousSealedSecret), \(endpoint.previousSecretExpiresAt?.millisecondsSince1970),
                    \(endpoint.enabled), \(endpoint.disabledReason), \(endpoint.failingSince?.millisecondsSince1970),
                    \(endpoint.lastDeadLetterAt?.millisecondsSince1970), \(endpoint.deadLetterCount),
                    \(endpoint.createdAt.millisecondsSince1970))
                """)
            try await Self.replaceSubscriptions(of: endpoint, in: transaction)
        }
    }

    func endpoint(_ id: WebhookEndpointID) async throws -> WebhookEndpoint? {
        let rows = try await database.query(
            PostgresQuery(unsafeSQL: Self.select + " WHERE id = $1", binds: Self.binds(id.rawValue)),
            entity: "webhook endpoint")
        return try rows.first.map(Self.endpoint(from:))
    }

    func endpoints() async throws -> [WebhookEndpoint] {
        let rows = try await database.query(
            PostgresQuery(unsafeSQL: Self.select + " ORDER BY created_at, id"), entity: "webhook endpoint")
        return try rows.map(Self.endpoint(from:))
    }

    func update(_ endpoint: WebhookEndpoint) async throws {
        try await database.transaction(entity: "webhook endpoint") { transaction in
            let rows = try await transaction.query(
                """
                UPDATE webhook_endpoints SET url = \(endpoint.url), description = \(endpoint.description),
                    sealed_secret = \(endpoint.sealedSecret), previous_sealed_secret = \(endpoint.previousSealedSecret),
                    previous_secret_expires_at = \(endpoint.previousSecretExpiresAt?.millisecondsSince1970),
                    enabled = \(endpoint.enabled), disabled_reason = \(endpoint.disabledReason),
                    failing_since = \(endpoint.failingSince?.millisecondsSince1970),
                    last_dead_letter_at = \(endpoint.lastDeadLetterAt?.millisecondsSince1970),
                    dead_letter_count = \(endpoint.deadLetterCount)
                WHERE id = \(endpoint.id.rawValue) RETURNING 1
                """)
            guard !rows.isEmpty else { throw StoreError(.notFound, entity: "webhook endpoint") }
            try await Self.replaceSubscriptions(of: endpoint, in: transaction)
        }
    }

    func replaceSealedSecrets(
        of id: WebhookEndpointID, expected: WebhookSealedSecrets, new: WebhookSealedSecrets
    ) async throws -> Bool {
        let rows = try await database.query(
            """
            UPDATE webhook_endpoints SET sealed_secret = \(new.current), previous_sealed_secret = \(new.previous)
            WHERE id = \(id.rawValue) AND sealed_secret = \(expected.current)
                AND previous_sealed_secret IS NOT DISTINCT FROM \(expected.previous)
            RETURNING 1
            """, entity: "webhook endpoint")
        return !rows.isEmpty
    }

    func delete(_ id: WebhookEndpointID) async throws {
        let rows = try await database.query(
            "DELETE FROM webhook_endpoints WHERE id = \(id.rawValue) RETURNING 1", entity: "webhook endpoint")
        guard !rows.isEmpty else { throw StoreError(.notFound, entity: "webhook endpoint") }
    }

    func recordHealth(_ id: WebhookEndpointID, succeeded: Bool, at time: Date) async throws -> Date? {
        if succeeded {
            try await database.query(
                "UPDATE webhook_endpoints SET failing_since = NULL WHERE id = \(id.rawValue)",
                entity: "webhook endpoint")
            return nil
        }
        let rows = try await database.query(
            """
            UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, \(time.millisecondsSince1970))
            WHERE id = \(id.rawValue) RETURNING failing_since
            """,
            entity: "webhook endpoint")
        return try rows.first.flatMap { try $0.decode(Int64?.self) }.map(Date.init(millisecondsSince1970:))
    }

    func disable(_ id: WebhookEndpointID, reason: String) async throws {
        let rows = try await database.query(
            "UPDATE webhook_endpoints SET enabled = false, disabled_reason = \(reason) WHERE id = \(id.rawValue) RETURNING 1",
            entity: "webhook endpoint")
        guard !rows.isEmpty else { throw StoreError(.notFound, entity: "webhook endpoint") }
    }

    func recordDeadLetter(_ id: WebhookEndpointID, at time: Date) async throws {
        try await database.query(
            """
            UPDATE webhook_endpoints SET last_dead_letter_at = \(time.millisecondsSince1970),
                dead_letter_count = dead_letter_count + 1
            WHERE id = \(id.rawValue)
            """,
            entity: "webhook endpoint")
    }

    private static func binds(_ value: String) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(value)
        return binds
    }

    private static func replaceSubscriptions(of endpoint: WebhookEndpoint, in transaction: PostgresTransaction)
        async throws
    {
        try await transaction.execute("DELETE FROM webhook_subscriptions WHERE endpoint_id = \(endpoint.id.rawValue)")
        try await transaction.execute(
            """
            INSERT INTO webhook_subscriptions (endpoint_id, event_type)
            SELECT \(endpoint.id.rawValue), t FROM unnest(\(endpoint.eventTypes.sorted())::text[]) AS t
            """)
    }

    private static func endpoint(from row: PostgresRow) throws -> WebhookEndpoint {
        let all = try row.decode(
            (String, String, String, String, String?, Int64?, Bool, String?, Int64?, Int64?, Int, Int64, [String]).self)
        return WebhookEndpoint(
            id: WebhookEndpointID(all.0), url: all.1, eventTypes: Set(all.12), description: all.2,
            sealedSecret: all.3, previousSealedSecret: all.4,
            previousSecretExpiresAt: all.5.map(Date.init(millisecondsSince1970:)), enabled: all.6,
            disabledReason: all.7, failingSince: all.8.map(Date.init(millisecondsSince1970:)),
            lastDeadLetterAt: all.9.map(Date.init(millisecondsSince1970:)), deadLetterCount: all.10,
            createdAt: Date(millisecondsSince1970: all.11))
    }
}
