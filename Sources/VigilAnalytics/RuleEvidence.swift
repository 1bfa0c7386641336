import Foundation

/// The values that made a rule fire.
///
/// Encoded as `{"threshold": {"value", "measuredAt", "since", "readingCount", "extreme"}}`
/// or `{"trend": {"value", "measuredAt", "reference", "referenceMeasuredAt", "change"}}`.
public enum RuleEvidence: Sendable, Hashable, Codable {
    /// A threshold rule: the latest reading violates it.
    ///
    /// - value, measuredAt: the latest reading.
    /// - since: when the earliest reading of the unbroken violating run was measured.
    /// - readingCount: how many readings the run has.
    /// - extreme: the most extreme value in the run (lowest for `<`, `<=`).
    case threshold(value: Double, measuredAt: Date, since: Date, readingCount: Int, extreme: Double)
    /// A trend rule: the latest reading moved at least the rule's amount from the reference.
    ///
    /// - value, measuredAt: the latest reading.
    /// - reference, referenceMeasuredAt: the window's minimum (rise) or maximum (fall).
    /// - change: `value − reference` (negative for a fall).
    case trend(value: Double, measuredAt: Date, reference: Double, referenceMeasuredAt: Date, change: Double)

    /// The latest reading's value.
    public var value: Double {
        switch self {
        case .threshold(let value, _, _, _, _), .trend(let value, _, _, _, _): value
        }
    }

    /// When the latest reading was measured.
    public var measuredAt: Date {
        switch self {
        case .threshold(_, let measuredAt, _, _, _), .trend(_, let measuredAt, _, _, _): measuredAt
        }
    }
}
