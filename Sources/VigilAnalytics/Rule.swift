import VigilCore

/// A rule's identifier, stable across edits so alerts can be deduplicated per
/// patient and rule; presets use `preset.<condition>.<name>`, such as
/// `preset.hypertension.systolic-critical`.
public typealias RuleID = Identifier<Rule>

/// One per-patient alerting rule: a condition, a severity and a stable id.
///
/// Encoded as `{"id", "name", "severity", "enabled", "condition"}`; when
/// decoding, `enabled` defaults to true and `name` to a summary of the condition.
public struct Rule: Sendable, Hashable, Identifiable {
    /// The stable identifier.
    public var id: RuleID
    /// A short label for clinicians, such as "Systolic ≥ 180 mm[Hg]".
    public var name: String
    /// How urgent an alert from this rule is.
    public var severity: RuleSeverity
    /// Whether the rule is evaluated; a switched-off rule stays stored.
    public var isEnabled: Bool
    /// What the rule checks.
    public var condition: RuleCondition

    /// A rule; without a `name`, one is made from the condition.
    public init(
        id: RuleID, name: String? = nil, severity: RuleSeverity, isEnabled: Bool = true, condition: RuleCondition
    ) {
        self.id = id
        self.name = name ?? condition.summary
        self.severity = severity
        self.isEnabled = isEnabled
        self.condition = condition
    }

    /// The vital type the rule reads.
    public var type: VitalType { condition.type }
}

extension Rule: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, name, severity
        case isEnabled = "enabled"
        case condition
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let condition = try container.decode(RuleCondition.self, forKey: .condition)
        self.init(
            id: try container.decode(RuleID.self, forKey: .id),
            name: try container.decodeIfPresent(String.self, forKey: .name),
            severity: try container.decode(RuleSeverity.self, forKey: .severity),
            isEnabled: try container.decodeIfPresent(Bool.self, forKey: .isEnabled) ?? true,
            condition: condition)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(severity, forKey: .severity)
        try container.encode(isEnabled, forKey: .isEnabled)
        try container.encode(condition, forKey: .condition)
    }
}
