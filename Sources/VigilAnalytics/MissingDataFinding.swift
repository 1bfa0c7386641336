import Foundation
import VigilCore

/// An expected vital type with no reading within its interval.
public struct MissingDataFinding: Sendable, Hashable, Codable {
    /// The silent type.
    public var type: VitalType
    /// When its latest reading was measured; `nil` when it has none at all.
    public var lastMeasuredAt: Date?
    /// The interval a reading was expected within, in seconds.
    public var interval: TimeInterval

    /// A finding that `type` has been silent since `lastMeasuredAt`.
    public init(type: VitalType, lastMeasuredAt: Date?, interval: TimeInterval) {
        self.type = type
        self.lastMeasuredAt = lastMeasuredAt
        self.interval = interval
    }
}
