import GRDB

extension SQLiteMigrations {
    /// Webhook endpoints, the transactional outbox and per-endpoint deliveries.
    static func v5Webhooks(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE webhook_endpoints (
                    id TEXT NOT NULL PRIMARY KEY,
                    url TEXT NOT NULL,
                    description TEXT NOT NULL,
                    sealed_secret TEXT NOT NULL,
                    previous_sealed_secret TEXT,
                    previous_secret_expires_at INTEGER,
                    enabled INTEGER NOT NULL,
                    disabled_reason TEXT,
                    failing_since INTEGER,
                    last_dead_letter_at INTEGER,
                    dead_letter_count INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE webhook_subscriptions (
                    endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
                    event_type TEXT NOT NULL,
                    PRIMARY KEY (event_type, endpoint_id)
                );
                CREATE TABLE outbox_events (
                    id TEXT NOT NULL PRIMARY KEY,
                    type TEXT NOT NULL,
                    patient_id TEXT,
                    occurred_at INTEGER NOT NULL,
                    payload BLOB NOT NULL
                );
                CREATE TABLE webhook_deliveries (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
                    event_id TEXT NOT NULL REFERENCES outbox_events (id),
                    patient_key TEXT NOT NULL, -- the patient id, or '' for events about none
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    next_attempt_at INTEGER,
                    created_at INTEGER NOT NULL,
                    last_attempt_at INTEGER,
                    last_status INTEGER,
                    last_error TEXT,
                    last_duration_ms INTEGER
                );
                CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
                CREATE INDEX webhook_deliveries_order ON webhook_deliveries (endpoint_id, patient_key, id)
                    WHERE state = 'pending';
                CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);
                CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);
                """)
    }
}
