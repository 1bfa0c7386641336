import Foundation
import VigilCore

/// A change of one vital type within a time window: "weight gain ≥ 1 kg in 24 h".
///
/// **Reference.** The latest reading (measured at or before the evaluation
/// time, and within the window) is compared with the *minimum* of the readings
/// in the window (for a rise; the *maximum* for a fall), not with the earliest:
/// a gain after a dip counts in full, and a high first reading cannot hide one.
/// The window runs from `evaluation time − window` to the evaluation time, both
/// included. The condition holds when the change is at least `amount`; changes
/// are compared with a tolerance of 1e-9 so that, say, 80.1 → 81.1 kg counts
/// as the 1 kg it is despite binary rounding.
///
/// Encoded as `{"type": "bodyWeight", "direction": "rise", "amount": 1, "windowSeconds": 86400}`.
public struct TrendCondition: Sendable, Hashable, Codable {
    /// Which way the values move.
    public enum Direction: String, Codable, Sendable, CaseIterable, Hashable {
        /// The latest value is at least `amount` above the window's minimum.
        case rise
        /// The latest value is at least `amount` below the window's maximum.
        case fall
    }

    /// The vital type followed (body weight for the presets).
    public var type: VitalType
    /// Rise or fall.
    public var direction: Direction
    /// The smallest change that counts, in the type's canonical unit; positive.
    public var amount: Double
    /// How far back the reference may lie, in seconds.
    public var window: TimeInterval

    /// "`type` `direction`s by at least `amount` within `window` seconds".
    public init(type: VitalType = .bodyWeight, direction: Direction = .rise, amount: Double, window: TimeInterval) {
        self.type = type
        self.direction = direction
        self.amount = amount
        self.window = window
    }

    /// The tolerance for comparing a change with `amount`.
    static let tolerance = 1e-9

    private enum CodingKeys: String, CodingKey {
        case type, direction, amount
        case window = "windowSeconds"
    }
}
