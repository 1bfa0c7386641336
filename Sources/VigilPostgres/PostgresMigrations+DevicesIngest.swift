extension PostgresMigrations {
    /// Device keys, message ids remembered for deduplication, and the quarantine.
    static let v2DevicesIngest = PostgresMigration(
        name: "v2_devices_ingest",
        statements: [
            // Sealed text only: the key vault encrypts keys before they get here.
            """
            CREATE TABLE device_keys (
                device_id TEXT PRIMARY KEY REFERENCES devices (id),
                primary_key TEXT NOT NULL,
                secondary_key TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            // One row per (device, message id) seen within the deduplication window.
            """
            CREATE TABLE device_messages (
                device_id TEXT NOT NULL,
                message_id TEXT NOT NULL,
                received_at BIGINT NOT NULL,
                PRIMARY KEY (device_id, message_id)
            )
            """,
            "CREATE INDEX device_messages_received ON device_messages (received_at)",
            """
            CREATE TABLE quarantine (
                id BIGSERIAL PRIMARY KEY,
                device_id TEXT,
                patient_id TEXT,
                message_id TEXT,
                received_at BIGINT NOT NULL,
                reason TEXT NOT NULL,
                vital_type TEXT,
                payload BYTEA NOT NULL,
                content_type TEXT,
                state TEXT NOT NULL DEFAULT 'pending',
                resolved_at BIGINT
            )
            """,
            "CREATE INDEX quarantine_state ON quarantine (state, id)",
        ]
    )
}
