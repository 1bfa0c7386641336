import Foundation
import VigilCore

/// A threshold on one vital type, optionally sustained: "SpO2 < 90 for 10 min".
///
/// **Duration.** Without a duration the condition holds when the latest reading
/// (measured at or before the evaluation time) violates the threshold. With a
/// duration it must also have held for every reading over at least that long:
/// the earliest reading of the unbroken run of violating readings that ends
/// with the latest one is at least `duration` old at the evaluation time, with
/// no non-violating reading since. A single non-violating reading breaks the
/// run and the clock starts again at the next violating one.
///
/// Encoded as `{"type": "spo2", "comparison": "<", "value": 90, "durationSeconds": 600}`.
public struct ThresholdCondition: Sendable, Hashable, Codable {
    /// The vital type compared.
    public var type: VitalType
    /// How a value is compared with `value`.
    public var comparison: RuleComparison
    /// The threshold, in the type's canonical unit.
    public var value: Double
    /// How long, in seconds, the condition must have held; `nil` for a single reading.
    public var duration: TimeInterval?

    /// "`type` `comparison` `value`", held for `duration` seconds when given.
    public init(type: VitalType, comparison: RuleComparison, value: Double, duration: TimeInterval? = nil) {
        self.type = type
        self.comparison = comparison
        self.value = value
        self.duration = duration
    }

    /// Whether one value violates the threshold.
    public func isViolated(by value: Double) -> Bool { comparison.holds(value, self.value) }

    private enum CodingKeys: String, CodingKey {
        case type, comparison, value
        case duration = "durationSeconds"
    }
}
