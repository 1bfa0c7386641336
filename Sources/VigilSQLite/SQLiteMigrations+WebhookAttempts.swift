import GRDB

extension SQLiteMigrations {
    /// Every attempt of a webhook delivery kept (not only the last), and an
    /// index that finds each endpoint's pending deliveries in order.
    static func v6WebhookAttempts(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE webhook_attempts (
                    delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
                    number INTEGER NOT NULL,
                    attempted_at INTEGER NOT NULL,
                    status INTEGER,
                    error TEXT,
                    duration_ms INTEGER NOT NULL,
                    PRIMARY KEY (delivery_id, number)
                ) WITHOUT ROWID;
                INSERT INTO webhook_attempts (delivery_id, number, attempted_at, status, error, duration_ms)
                    SELECT id, max(attempts, 1), last_attempt_at, last_status, last_error, coalesce(last_duration_ms, 0)
                    FROM webhook_deliveries WHERE last_attempt_at IS NOT NULL;
                ALTER TABLE webhook_deliveries DROP COLUMN last_attempt_at;
                ALTER TABLE webhook_deliveries DROP COLUMN last_status;
                ALTER TABLE webhook_deliveries DROP COLUMN last_error;
                ALTER TABLE webhook_deliveries DROP COLUMN last_duration_ms;
                CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (endpoint_id, id) WHERE state = 'pending';
                """)
    }
}
