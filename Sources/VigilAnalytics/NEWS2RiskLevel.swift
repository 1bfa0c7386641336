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
    @inlinable public var rank: Int {
        switch self {
        case .none: 0
        case .low: 1
        case .lowMedium: 2
        case .medium: 3
        case .high: 4
        }
    }

    /// The level for a total and whether any single parameter scored 3.
    @inlinable @inline(__always)
    public init(total: Int, hasSingleParameterScoringThree: Bool) {
        // Branch-free, as totals are unpredictable: ≥ 7 high (4), 5–6 medium
        // (3), 1–4 low (1), or low-medium (2) with a single 3; 0 none.
        let byTotal = (total > 0 ? 1 : 0) + (total >= 5 ? 2 : 0) + (total >= 7 ? 1 : 0)
        self.init(rank: max(byTotal, hasSingleParameterScoringThree ? 2 : 0))
    }

    /// The level of `rank` (see `rank`); ranks above 4 are high.
    @inlinable @inline(__always)
    init(rank: Int) {
        switch rank {
        case 0: self = .none
        case 1: self = .low
        case 2: self = .lowMedium
        case 3: self = .medium
        default: self = .high
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
