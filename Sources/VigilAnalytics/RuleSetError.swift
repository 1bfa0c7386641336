/// Why a rule set cannot be used. Names the rule by id only (ids carry no PHI).
public struct RuleSetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable reason.
    public enum Code: String, Sendable, Codable, CaseIterable {
        case emptyID = "empty_rule_id"
        case duplicateID = "duplicate_rule_id"
        case invalidThreshold = "invalid_threshold"
        case invalidDuration = "invalid_duration"
        case invalidTrendType = "invalid_trend_type"
        case invalidAmount = "invalid_trend_amount"
        case invalidWindow = "invalid_trend_window"
    }

    /// The reason.
    public let code: Code
    /// The offending rule.
    public let ruleID: RuleID

    /// An error with `code` about the rule `ruleID`.
    public init(_ code: Code, ruleID: RuleID) {
        self.code = code
        self.ruleID = ruleID
    }

    public var description: String { "\(code.rawValue) (rule \(ruleID.rawValue))" }
}
