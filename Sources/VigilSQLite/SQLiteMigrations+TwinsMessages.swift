import GRDB

extension SQLiteMigrations {
    /// Device twins, cloud-to-device message queues and persistent MQTT sessions.
    static func v3TwinsMessages(_ db: Database) throws {
        try db.execute(
            sql: """
                -- One row per device whose twin was written; a missing row is an
                -- empty twin at version 1 on both sides.
                CREATE TABLE device_twins (
                    device_id TEXT NOT NULL PRIMARY KEY REFERENCES devices (id),
                    desired TEXT NOT NULL, -- JSON object, without $version
                    desired_version INTEGER NOT NULL,
                    reported TEXT NOT NULL, -- JSON object, without $version
                    reported_version INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );

                -- Deleted when the device acknowledges delivery. AUTOINCREMENT:
                -- ids only grow, so id order is queue order.
                CREATE TABLE cloud_messages (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    device_id TEXT NOT NULL REFERENCES devices (id),
                    message_id TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    properties TEXT NOT NULL, -- JSON object of strings
                    content_type TEXT,
                    enqueued_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                );
                CREATE INDEX cloud_messages_device ON cloud_messages (device_id, id);
                CREATE INDEX cloud_messages_expires ON cloud_messages (expires_at);

                CREATE TABLE device_sessions (
                    device_id TEXT NOT NULL PRIMARY KEY REFERENCES devices (id),
                    subscriptions TEXT NOT NULL, -- JSON array of {topicFilter, qos}
                    updated_at INTEGER NOT NULL
                );
                """)
    }
}
