/// Where an alert is in its lifecycle: open → acknowledged → resolved
/// (an open alert may also be resolved directly).
public enum AlertState: String, Codable, Sendable, CaseIterable, Hashable {
    /// Raised and not yet taken on by anyone; it escalates at its deadlines.
    case open
    /// A clinician has taken it on; it no longer escalates unless it worsens.
    case acknowledged
    /// Closed by a clinician, or by Vigil when the condition cleared (missing data).
    case resolved
}
