extension PostgresMigrations {
    /// Every attempt of a webhook delivery kept (not only the last), and an
    /// index that finds each endpoint's pending deliveries in order.
    static let v6WebhookAttempts = PostgresMigration(
        name: "v6_webhook_attempts",
        statements: [
            """
            CREATE TABLE webhook_attempts (
                delivery_id BIGINT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
                number INTEGER NOT NULL,
                attempted_at BIGINT NOT NULL,
                status INTEGER,
                error TEXT,
                duration_ms INTEGER NOT NULL,
                PRIMARY KEY (delivery_id, number)
            )
            """,
            """
            INSERT INTO webhook_attempts (delivery_id, number, attempted_at, status, error, duration_ms)
            SELECT id, greatest(attempts, 1), last_attempt_at, last_status, last_error, coalesce(last_duration_ms, 0)
            FROM webhook_deliveries WHERE last_attempt_at IS NOT NULL
            """,
            """
            ALTER TABLE webhook_deliveries DROP COLUMN last_attempt_at, DROP COLUMN last_status,
                DROP COLUMN last_error, DROP COLUMN last_duration_ms
            """,
            "CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (endpoint_id, id) WHERE state = 'pending'",
        ])
}
