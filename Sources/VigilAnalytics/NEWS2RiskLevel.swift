/// The clinical risk a NEWS2 total stands for (RCP 2017), lowest first.
public enum NEWS2RiskLevel: String, Codable, Sendable, CaseIterable, Hashable, Comparable {
    /// Total 0: routine monitoring.
    case none
    /// Total 1–4 with no single parameter scoring 3: ward-based response.
    case low
    /// Total below 5 with some single parameter scoring 3: urgent ward-based response.
    case lowMedium
    /// Total 5–6: urgent response.
    case medium
    /// Total 7 or more: emergency response.
    case high

    /// 0 for `none` up to 4 for `high`.
    public var rank: Int {
        switch self {
        case .none: 0
        case .low: 1
        case .lowMedium: 2
        case .medium: 3
        case .high: 4
        }
    }

    /// The level for a total and whether any single parameter scored 3.
    public init(total: Int, hasSingleParameterScoringThree: Bool) {
        if total >= 7 {
            self = .high
        } else if total >= 5 {
            self = .medium
        } else if hasSingleParameterScoringThree {
            self = .lowMedium
        } else if total > 0 {
            self = .low
        } else {
            self = .none
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
