/// How urgent an alert is, least urgent first.
public enum AlertSeverity: String, Codable, Sendable, CaseIterable, Hashable, Comparable {
    /// Worth a look at the next routine review.
    case low
    /// Worth a look today.
    case medium
    /// Needs a clinician's attention soon.
    case high
    /// Needs a clinician's attention now.
    case critical

    /// 0 for `low` up to 3 for `critical`.
    public var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
