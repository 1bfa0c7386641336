/// The columns of the `readings` table a benchmark fills, in the order the
/// baseline files list them (the same order the stores insert them in).
enum ReadingColumns {
    /// Column names.
    static let names = [
        "patient_id", "device_id", "type", "value", "original_value", "original_unit", "measured_at", "received_at",
        "message_id",
    ]

    /// The names separated by commas, for an `INSERT` or `COPY` column list.
    static let list = names.joined(separator: ", ")
}
