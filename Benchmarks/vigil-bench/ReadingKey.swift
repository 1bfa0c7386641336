/// One device reading, named by its patient and its measurement time in
/// milliseconds since 1970: how a sent reading is matched with the alert
/// event it causes (the alert's `lastFiredAt` is the reading's time).
struct ReadingKey: Hashable, Sendable {
    /// The patient's id.
    var patientID: String
    /// The reading's time, milliseconds since 1970.
    var millisecond: Int64
}
