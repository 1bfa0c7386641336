/// How a threshold rule compares a reading's value with its threshold;
/// encoded as the operator (`"<"`, `"<="`, `">"`, `">="`).
public enum RuleComparison: String, Codable, Sendable, CaseIterable, Hashable {
    /// Fires below the threshold.
    case lessThan = "<"
    /// Fires at or below the threshold.
    case lessThanOrEqual = "<="
    /// Fires above the threshold.
    case greaterThan = ">"
    /// Fires at or above the threshold.
    case greaterThanOrEqual = ">="

    /// Whether `value` stands in this relation to `threshold`.
    public func holds(_ value: Double, _ threshold: Double) -> Bool {
        switch self {
        case .lessThan: value < threshold
        case .lessThanOrEqual: value <= threshold
        case .greaterThan: value > threshold
        case .greaterThanOrEqual: value >= threshold
        }
    }

    /// Whether the rule looks for low values (`<`, `<=`) rather than high ones.
    public var isLowerLimit: Bool { self == .lessThan || self == .lessThanOrEqual }

    /// The more extreme of two violating values: the lower for a lower limit.
    func moreExtreme(_ a: Double, _ b: Double) -> Double {
        isLowerLimit ? min(a, b) : max(a, b)
    }
}
