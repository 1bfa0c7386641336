extension PostgresMigrations {
    /// Webhook endpoints, the transactional outbox and per-endpoint deliveries.
    static let v5Webhooks = PostgresMigration(
        name: "v5_webhooks",
        statements: [
            """
            CREATE TABLE webhook_endpoints (
                id TEXT PRIMARY KEY,
                url TEXT NOT NULL,
                description TEXT NOT NULL,
                sealed_secret TEXT NOT NULL,
                previous_sealed_secret TEXT,
                previous_secret_expires_at BIGINT,
                enabled BOOLEAN NOT NULL,
                disabled_reason TEXT,
                failing_since BIGINT,
                last_dead_letter_at BIGINT,
                dead_letter_count INTEGER NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE webhook_subscriptions (
                endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
                event_type TEXT NOT NULL,
                PRIMARY KEY (event_type, endpoint_id)
            )
            """,
            """
            CREATE TABLE outbox_events (
                id TEXT PRIMARY KEY,
                type TEXT NOT NULL,
                patient_id TEXT,
                occurred_at BIGINT NOT NULL,
                payload BYTEA NOT NULL
            )
            """,
            """
            CREATE TABLE webhook_deliveries (
                id BIGSERIAL PRIMARY KEY,
                endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
                event_id TEXT NOT NULL REFERENCES outbox_events (id),
                patient_key TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at BIGINT,
                created_at BIGINT NOT NULL,
                last_attempt_at BIGINT,
                last_status INTEGER,
                last_error TEXT,
                last_duration_ms INTEGER
            )
            """,
            "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending'",
            """
            CREATE INDEX webhook_deliveries_order ON webhook_deliveries (endpoint_id, patient_key, id)
            WHERE state = 'pending'
            """,
            "CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id)",
            "CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id)",
        ]
    )
}
