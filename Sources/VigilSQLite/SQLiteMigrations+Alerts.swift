import GRDB

extension SQLiteMigrations {
    /// Alerts with their lifecycle, and each patient's stored rules.
    static func v4Alerts(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE alerts (
                    id TEXT NOT NULL PRIMARY KEY,
                    patient_id TEXT NOT NULL REFERENCES patients (id),
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
                -- At most one alert per patient and rule that is not resolved.
                CREATE UNIQUE INDEX alerts_one_active ON alerts (patient_id, rule_id) WHERE state <> 'resolved';
                CREATE INDEX alerts_due ON alerts (next_escalation_at) WHERE state = 'open';
                CREATE INDEX alerts_patient ON alerts (patient_id, created_at);
                CREATE INDEX alerts_created ON alerts (created_at);

                CREATE TABLE patient_rules (
                    patient_id TEXT NOT NULL PRIMARY KEY REFERENCES patients (id),
                    rule_set TEXT NOT NULL, -- JSON: the analytics layer's versioned RuleSet
                    updated_at INTEGER NOT NULL,
                    updated_by TEXT
                );
                """)
    }
}
