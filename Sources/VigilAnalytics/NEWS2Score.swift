import VigilCore

/// A NEWS2 result: total, sub-scores, risk level, and what was missing or assumed.
///
/// A *partial* score (some measured parameter missing) is a lower bound: the
/// total and risk level count only what was scored.
public struct NEWS2Score: Sendable, Hashable, Codable {
    /// The sum of the sub-scores, 0–20.
    public let total: Int
    /// Each parameter's sub-score; `nil` for the missing ones.
    public let subScores: NEWS2SubScores
    /// The clinical risk of `total` (and of any single 3).
    public let riskLevel: NEWS2RiskLevel
    /// Whether some measured parameter was missing, so `total` is a lower bound.
    public let isPartial: Bool
    /// Measured parameters (respiration rate, SpO2, systolic pressure, pulse,
    /// temperature) that had no value and were not scored.
    public let missing: NEWS2ParameterSet
    /// Parameters (oxygen, consciousness) that had no value and were scored at
    /// the patient's baseline.
    public let assumed: NEWS2ParameterSet
    /// The SpO2 scale used.
    public let scale: NEWS2Scale

    /// A score of `subScores`, whose sum is `total` (0–20); `singleThreeBit`
    /// is 1 when some sub-score is 3, else 0.
    @inlinable @inline(__always)
    init(
        total: Int, singleThreeBit: Int, subScores: NEWS2SubScores, missing: NEWS2ParameterSet, assumed: NEWS2ParameterSet,
        scale: NEWS2Scale
    ) {
        self.total = total
        self.subScores = subScores
        self.riskLevel = NEWS2RiskLevel(total: total, singleThreeBit: singleThreeBit)
        self.isPartial = !missing.isEmpty
        self.missing = missing
        self.assumed = assumed
        self.scale = scale
    }
}
