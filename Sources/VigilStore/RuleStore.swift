import Foundation
import VigilCore

/// Stores each patient's alerting rules as a JSON document (the analytics
/// layer's versioned `RuleSet`), so the store need not understand rules.
public protocol RuleStore: Sendable {
    /// The patient's stored rules; `nil` when none were ever stored (the
    /// condition presets then apply).
    func rules(of patient: PatientID) async throws -> StoredRuleSet?

    /// Replaces the patient's stored rules.
    ///
    /// - Throws: `StoreError.notFound` (entity `patient`) when the patient does not exist.
    func setRules(_ rules: StoredRuleSet, of patient: PatientID) async throws
}

/// A patient's rules as stored.
public struct StoredRuleSet: Sendable, Hashable {
    /// The rule set encoded as JSON.
    public var json: Data
    public var updatedAt: Date
    /// Who stored it.
    public var updatedBy: UserID?

    public init(json: Data, updatedAt: Date, updatedBy: UserID?) {
        self.json = json
        self.updatedAt = updatedAt.truncatedToMilliseconds
        self.updatedBy = updatedBy
    }
}
