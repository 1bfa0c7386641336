extension PostgresMigrations {
    /// Operational alerts: `alerts.patient_id` may be NULL (an alert for
    /// administrators, such as a webhook delivery given up on), and the
    /// one-active-alert rule covers them per rule.
    static let v7OperationalAlerts = PostgresMigration(
        name: "v7_operational_alerts",
        statements: [
            "ALTER TABLE alerts ALTER COLUMN patient_id DROP NOT NULL",
            "DROP INDEX alerts_one_active",
            """
            CREATE UNIQUE INDEX alerts_one_active ON alerts ((coalesce(patient_id, '')), rule_id)
            WHERE state <> 'resolved'
            """,
        ])
}
