import VigilCore

/// A rule that is currently firing for a patient, with the values that fired it.
public struct RuleFiring: Sendable, Hashable, Codable {
    /// The rule's stable id: the alerting layer's deduplication key, with the patient.
    public var ruleID: RuleID
    /// The rule's severity.
    public var severity: RuleSeverity
    /// The vital type the rule reads.
    public var type: VitalType
    /// The values that fired it.
    public var evidence: RuleEvidence

    /// A firing of rule `ruleID`.
    public init(ruleID: RuleID, severity: RuleSeverity, type: VitalType, evidence: RuleEvidence) {
        self.ruleID = ruleID
        self.severity = severity
        self.type = type
        self.evidence = evidence
    }
}
