import GRDB

extension SQLiteMigrations {
    /// Operational alerts: `alerts.patient_id` may be NULL (an alert for
    /// administrators, such as a webhook delivery given up on), and the
    /// one-active-alert rule covers them per rule. SQLite cannot drop a NOT
    /// NULL constraint, so the table is rebuilt with its indexes.
    static func v7OperationalAlerts(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE alerts_new (
                    id TEXT NOT NULL PRIMARY KEY,
                    patient_id TEXT REFERENCES patients (id), -- NULL: an operational alert
                    rule_id TEXT NOT NULL,
                    title TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    state TEXT NOT NULL,
                    escalation_level INTEGER NOT NULL,
                    next_escalation_at INTEGER,
                    first_fired_at INTEGER NOT NULL,
                    last_fired_at INTEGER NOT NULL,
                    occurrences INTEGER NOT NULL,
                    details TEXT NOT NULL, -- JSON object: the values that fired it
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    acknowledged_by TEXT,
                    acknowledged_at INTEGER,
                    acknowledgement_note TEXT,
                    resolved_by TEXT,
                    resolved_at INTEGER,
                    resolution_note TEXT,
                    version INTEGER NOT NULL
                );
                INSERT INTO alerts_new SELECT * FROM alerts;
                DROP TABLE alerts;
                ALTER TABLE alerts_new RENAME TO alerts;
                -- At most one alert per patient (or none) and rule that is not resolved.
                CREATE UNIQUE INDEX alerts_one_active ON alerts (coalesce(patient_id, ''), rule_id)
                    WHERE state <> 'resolved';
                CREATE INDEX alerts_due ON alerts (next_escalation_at) WHERE state = 'open';
                CREATE INDEX alerts_patient ON alerts (patient_id, created_at);
                CREATE INDEX alerts_created ON alerts (created_at);
                """)
    }
}
