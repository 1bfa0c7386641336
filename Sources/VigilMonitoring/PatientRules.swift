import Foundation
import VigilAnalytics
import VigilCore
import VigilStore

/// A patient's rules in effect: the stored rule set when there is one,
/// otherwise the presets of the patient's conditions.
public struct PatientRules: Sendable, Hashable {
    /// Where the rules in effect come from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// A clinician stored them (`PUT …/rules`).
        case stored
        /// The presets of the patient's conditions (nothing stored yet).
        case presets
    }

    public var ruleSet: RuleSet
    public var source: Source

    public init(ruleSet: RuleSet, source: Source) {
        self.ruleSet = ruleSet
        self.source = source
    }

    /// The rules in effect for `patient` given what is stored.
    ///
    /// - Throws: `DecodingError` when the stored JSON is not a rule set this build reads.
    public static func effective(for patient: Patient, stored: StoredRuleSet?) throws -> PatientRules {
        guard let stored else {
            return PatientRules(ruleSet: RuleSet(rules: RulePresets.rules(for: patient.conditions)), source: .presets)
        }
        return PatientRules(ruleSet: try JSONDecoder().decode(RuleSet.self, from: stored.json), source: .stored)
    }

    /// A rule set as stored: JSON with sorted keys.
    public static func encode(_ ruleSet: RuleSet) throws -> Data {
        try CompactJSONEncoder().encode(ruleSet)
    }
}
