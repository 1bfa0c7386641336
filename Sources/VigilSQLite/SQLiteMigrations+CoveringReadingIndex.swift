import GRDB

extension SQLiteMigrations {
    /// The readings index carries the value too, so that chart buckets
    /// (min, max, average per interval) are computed from the index alone,
    /// without a table lookup per reading. `id` comes before the value so
    /// that the index still orders ties in measured time newest insert first.
    static func v8CoveringReadingIndex(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX readings_patient_type_time;
                CREATE INDEX readings_patient_type_time ON readings (patient_id, type, measured_at, id, value);
                """)
    }
}
