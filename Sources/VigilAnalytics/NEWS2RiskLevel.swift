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
    @inlinable
    public init(total: Int, hasSingleParameterScoringThree: Bool) {
        self.init(total: min(max(total, 0), 20), singleThreeBit: hasSingleParameterScoringThree ? 1 : 0)
    }

    /// The level for a `total` of 0–20 and a `singleThreeBit` of 0 or 1
    /// (whether any single parameter scored 3), looked up in `levels`: a load
    /// rather than comparisons, which would compile to branches that
    /// unpredictable totals mispredict.
    @inlinable @inline(__always)
    init(total: Int, singleThreeBit: Int) {
        self = Self.levels[total | singleThreeBit << 5]
    }

    /// `level(total:hasSingleParameterScoringThree:)` of every total 0–31,
    /// first without and then (from index 32) with a single 3.
    @usableFromInline static let levels: [NEWS2RiskLevel] = (0..<64).map { index in
        level(total: index & 31, hasSingleParameterScoringThree: index >= 32)
    }

    /// RCP 2017: 7 or more high, 5–6 medium, 1–4 low, 0 none; below 5 with a
    /// single parameter scoring 3, low-medium.
    static func level(total: Int, hasSingleParameterScoringThree: Bool) -> NEWS2RiskLevel {
        if total >= 7 { return .high }
        if total >= 5 { return .medium }
        if hasSingleParameterScoringThree { return .lowMedium }
        return total > 0 ? .low : .none
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
