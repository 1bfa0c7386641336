import GRDB

/// The versioned schema of the SQLite store.
///
/// Migrations are append-only: a released migration is never edited; a change
/// is a new migration registered after the others. Table and column names match
/// the PostgreSQL store's. Times are INTEGER milliseconds since 1970.
enum SQLiteMigrations {
    /// Every migration this build knows, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1_initial", migrate: v1Initial)
        migrator.registerMigration("v2_devices_ingest", migrate: v2DevicesIngest)
        migrator.registerMigration("v3_twins_messages", migrate: v3TwinsMessages)
        migrator.registerMigration("v4_alerts", migrate: v4Alerts)
        migrator.registerMigration("v5_webhooks", migrate: v5Webhooks)
        migrator.registerMigration("v6_webhook_attempts", migrate: v6WebhookAttempts)
        migrator.registerMigration("v7_operational_alerts", migrate: v7OperationalAlerts)
        migrator.registerMigration("v8_covering_reading_index", migrate: v8CoveringReadingIndex)
        migrator.registerMigration("v9_totp", migrate: v9TOTP)
        migrator.registerMigration("v10_delivery_indexes", migrate: v10DeliveryIndexes)
        return migrator
    }

    /// Patients, users, care teams, devices, readings, API tokens and the audit log.
    private static func v1Initial(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE patients (
                    id TEXT NOT NULL PRIMARY KEY,
                    display_name TEXT NOT NULL,
                    birth_date TEXT,
                    mrn TEXT,
                    news2_scale INTEGER NOT NULL,
                    conditions TEXT NOT NULL, -- JSON array of condition names
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX patients_display_name ON patients (display_name, id);

                CREATE TABLE users (
                    id TEXT NOT NULL PRIMARY KEY,
                    username TEXT NOT NULL UNIQUE,
                    display_name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    patient_id TEXT REFERENCES patients (id),
                    password_hash TEXT NOT NULL,
                    is_disabled INTEGER NOT NULL,
                    created_at INTEGER NOT NULL
                );

                CREATE TABLE care_team (
                    patient_id TEXT NOT NULL,
                    clinician_id TEXT NOT NULL,
                    PRIMARY KEY (patient_id, clinician_id)
                );
                CREATE INDEX care_team_clinician ON care_team (clinician_id);

                CREATE TABLE devices (
                    id TEXT NOT NULL PRIMARY KEY,
                    patient_id TEXT NOT NULL REFERENCES patients (id),
                    is_disabled INTEGER NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX devices_patient ON devices (patient_id, id);

                -- No foreign keys: readings are the hot write path, and checking
                -- patients and devices for every row would cost an index lookup
                -- each. The gateway resolves the device (and so its patient)
                -- before a reading exists, and patients are never deleted.
                CREATE TABLE readings (
                    id INTEGER PRIMARY KEY,
                    patient_id TEXT NOT NULL,
                    device_id TEXT,
                    type TEXT NOT NULL,
                    value REAL NOT NULL,
                    original_value TEXT NOT NULL,
                    original_unit TEXT,
                    measured_at INTEGER NOT NULL,
                    received_at INTEGER NOT NULL,
                    message_id TEXT
                );
                CREATE INDEX readings_patient_type_time ON readings (patient_id, type, measured_at);

                CREATE TABLE api_tokens (
                    hash TEXT NOT NULL PRIMARY KEY,
                    user_id TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                );
                CREATE INDEX api_tokens_expires ON api_tokens (expires_at);

                -- No foreign keys: the log records attempts on records that may not exist.
                -- No triggers forbidding UPDATE or DELETE either: the hash chain and
                -- audit_head make tampering detectable, which is what is promised.
                CREATE TABLE audit_log (
                    sequence INTEGER PRIMARY KEY,
                    time INTEGER NOT NULL,
                    user_id TEXT,
                    username TEXT,
                    role TEXT,
                    action TEXT NOT NULL,
                    patient_id TEXT,
                    outcome TEXT NOT NULL,
                    source_address TEXT,
                    detail TEXT,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE INDEX audit_log_patient ON audit_log (patient_id, sequence);

                CREATE TABLE audit_head (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    sequence INTEGER NOT NULL,
                    hash TEXT NOT NULL
                );
                """)
    }
}
