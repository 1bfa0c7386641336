extension PostgresMigrations {
    /// Device twins, cloud-to-device message queues and persistent MQTT sessions.
    static let v3TwinsMessages = PostgresMigration(
        name: "v3_twins_messages",
        statements: [
            // One row per device whose twin was written; a missing row is an
            // empty twin at version 1 on both sides. Documents are JSON objects
            // without $version, kept as text exactly as written.
            """
            CREATE TABLE device_twins (
                device_id TEXT PRIMARY KEY REFERENCES devices (id),
                desired TEXT NOT NULL,
                desired_version BIGINT NOT NULL,
                reported TEXT NOT NULL,
                reported_version BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            // Deleted when the device acknowledges delivery; id order is queue order.
            """
            CREATE TABLE cloud_messages (
                id BIGSERIAL PRIMARY KEY,
                device_id TEXT NOT NULL REFERENCES devices (id),
                message_id TEXT NOT NULL,
                payload BYTEA NOT NULL,
                properties TEXT NOT NULL,
                content_type TEXT,
                enqueued_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX cloud_messages_device ON cloud_messages (device_id, id)",
            "CREATE INDEX cloud_messages_expires ON cloud_messages (expires_at)",
            """
            CREATE TABLE device_sessions (
                device_id TEXT PRIMARY KEY REFERENCES devices (id),
                subscriptions TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
        ]
    )
}
