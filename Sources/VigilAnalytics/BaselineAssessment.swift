import Foundation
import VigilCore

/// How a patient's recent readings of one type compare with their personal baseline.
public struct BaselineAssessment: Sendable, Hashable, Codable {
    /// Which side of the baseline the recent readings lie on.
    public enum Direction: String, Sendable, Hashable, Codable, CaseIterable {
        /// The recent median is at or above the baseline median.
        case above
        /// The recent median is below the baseline median.
        case below
    }

    /// The vital type.
    public var type: VitalType
    /// The baseline compared with.
    public var baseline: PersonalBaseline
    /// The median of the recent readings.
    public var recentMedian: Double
    /// How many recent readings there were.
    public var recentReadingCount: Int
    /// `(recentMedian − baseline.median) / baseline.spread`.
    public var zScore: Double
    /// `above` when `zScore` ≥ 0, else `below`.
    public var direction: Direction
    /// Whether `|zScore|` exceeds the detector's threshold: a sustained departure.
    public var isDeparture: Bool

    /// An assessment with the given figures.
    public init(
        type: VitalType, baseline: PersonalBaseline, recentMedian: Double, recentReadingCount: Int, zScore: Double,
        isDeparture: Bool
    ) {
        self.type = type
        self.baseline = baseline
        self.recentMedian = recentMedian
        self.recentReadingCount = recentReadingCount
        self.zScore = zScore
        self.direction = zScore >= 0 ? .above : .below
        self.isDeparture = isDeparture
    }
}
