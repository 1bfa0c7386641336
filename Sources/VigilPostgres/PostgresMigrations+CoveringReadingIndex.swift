extension PostgresMigrations {
    /// The readings index carries the value too, so that chart buckets
    /// (min, max, average per interval) can be computed by index-only scans.
    static let v8CoveringReadingIndex = PostgresMigration(
        name: "v8_covering_reading_index",
        statements: [
            "DROP INDEX readings_patient_type_time",
            "CREATE INDEX readings_patient_type_time ON readings (patient_id, type, measured_at) INCLUDE (value)",
        ])
}
