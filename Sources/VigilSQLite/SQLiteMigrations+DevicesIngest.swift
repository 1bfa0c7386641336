import GRDB

extension SQLiteMigrations {
    /// Device keys, message ids remembered for deduplication, and the quarantine.
    static func v2DevicesIngest(_ db: Database) throws {
        try db.execute(
            sql: """
                -- Sealed text only: the key vault encrypts keys before they get here.
                CREATE TABLE device_keys (
                    device_id TEXT NOT NULL PRIMARY KEY REFERENCES devices (id),
                    primary_key TEXT NOT NULL,
                    secondary_key TEXT NOT NULL,
                    updated_at INTEGER NOT NULL
                );

                -- One row per (device, message id) seen within the deduplication
                -- window. WITHOUT ROWID: the primary key is the only index the
                -- hot path probes, so it is the table itself.
                CREATE TABLE device_messages (
                    device_id TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    received_at INTEGER NOT NULL,
                    PRIMARY KEY (device_id, message_id)
                ) WITHOUT ROWID;
                CREATE INDEX device_messages_received ON device_messages (received_at);

                -- AUTOINCREMENT: an id is never reused, even after the newest
                -- item is deleted, so a replay request cannot hit another item.
                CREATE TABLE quarantine (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    device_id TEXT,
                    patient_id TEXT,
                    message_id TEXT,
                    received_at INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    vital_type TEXT,
                    payload BLOB NOT NULL,
                    content_type TEXT,
                    state TEXT NOT NULL DEFAULT 'pending',
                    resolved_at INTEGER
                );
                CREATE INDEX quarantine_state ON quarantine (state, id);
                """)
    }
}
