import Foundation
import VigilCore

/// A patient's robust baseline for one vital type: median and scaled MAD of
/// their readings over a past span.
public struct PersonalBaseline: Sendable, Hashable, Codable {
    /// The vital type.
    public var type: VitalType
    /// The median of the baseline readings, in the canonical unit.
    public var median: Double
    /// The median absolute deviation × 1.4826 (a robust standard deviation).
    public var scaledMAD: Double
    /// The spread z-scores are measured in: `scaledMAD`, but at least the type's floor.
    public var spread: Double
    /// How many readings the baseline was computed from.
    public var readingCount: Int
    /// The start of the baseline span (included).
    public var from: Date
    /// The end of the baseline span (excluded).
    public var until: Date

    /// A baseline with the given figures.
    public init(
        type: VitalType, median: Double, scaledMAD: Double, spread: Double, readingCount: Int, from: Date, until: Date
    ) {
        self.type = type
        self.median = median
        self.scaledMAD = scaledMAD
        self.spread = spread
        self.readingCount = readingCount
        self.from = from
        self.until = until
    }

    /// How many spreads `value` lies from the median (positive above).
    public func zScore(of value: Double) -> Double { (value - median) / spread }
}
