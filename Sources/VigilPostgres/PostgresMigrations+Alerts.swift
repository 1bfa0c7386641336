extension PostgresMigrations {
    /// Alerts with their lifecycle, and each patient's stored rules.
    static let v4Alerts = PostgresMigration(
        name: "v4_alerts",
        statements: [
            """
            CREATE TABLE alerts (
                id TEXT PRIMARY KEY,
                patient_id TEXT NOT NULL REFERENCES patients (id),
                rule_id TEXT NOT NULL,
                title TEXT NOT NULL,
                severity TEXT NOT NULL,
                state TEXT NOT NULL,
                escalation_level INTEGER NOT NULL,
                next_escalation_at BIGINT,
                first_fired_at BIGINT NOT NULL,
                last_fired_at BIGINT NOT NULL,
                occurrences INTEGER NOT NULL,
                details TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                acknowledged_by TEXT,
                acknowledged_at BIGINT,
                acknowledgement_note TEXT,
                resolved_by TEXT,
                resolved_at BIGINT,
                resolution_note TEXT,
                version INTEGER NOT NULL
            )
            """,
            // At most one alert per patient and rule that is not resolved, also across nodes.
            "CREATE UNIQUE INDEX alerts_one_active ON alerts (patient_id, rule_id) WHERE state <> 'resolved'",
            "CREATE INDEX alerts_due ON alerts (next_escalation_at) WHERE state = 'open'",
            "CREATE INDEX alerts_patient ON alerts (patient_id, created_at)",
            "CREATE INDEX alerts_created ON alerts (created_at)",
            """
            CREATE TABLE patient_rules (
                patient_id TEXT PRIMARY KEY REFERENCES patients (id),
                rule_set TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                updated_by TEXT
            )
            """,
        ]
    )
}
