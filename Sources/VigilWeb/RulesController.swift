import Foundation
import Hummingbird
import VigilAnalytics
import VigilCore
import VigilMonitoring
import VigilStore

/// `/api/v1/patients/{id}/rules`: a patient's alerting rules.
///
/// Until a clinician stores rules, the presets of the patient's conditions
/// apply (`source: "presets"`). `PUT` stores a whole rule set (`source:
/// "stored"`), which then applies whatever the conditions: presets are
/// switched on or off (`enabled`) and edited by sending them back changed,
/// keeping their ids so alert deduplication carries on; `presets` lists
/// every condition's presets to pick from. Anyone who may see the patient
/// may read the rules; admins and care-team clinicians may change them.
struct RulesController {
    let dependencies: WebDependencies

    func register(on routes: SecureRoutes) {
        routes.add(.get, "patients/:patientId/rules", action: "patient.rules.read", allow: .everyone) { _, caller in
            let patient = try await PatientRepository(store: dependencies.store, caller: caller)
                .patient(try caller.patientID(), action: "patient.rules.read")
            return try await view(of: patient)
        }
        routes.add(.put, "patients/:patientId/rules", action: "patient.rules.update", allow: .staff) {
            request, caller in
            let ruleSet = try await request.decodeJSON(as: RuleSet.self, context: caller.context)
            let patient = try await PatientRepository(store: dependencies.store, caller: caller)
                .patient(try caller.patientID(), action: "patient.rules.update")
            try await Self.save(ruleSet, of: patient.id, by: caller.user.id, dependencies: dependencies)
            return try await view(of: patient)
        }
    }

    private func view(of patient: Patient) async throws -> RulesView {
        let stored = try await dependencies.store.rules.rules(of: patient.id)
        let effective: PatientRules
        do {
            effective = try PatientRules.effective(for: patient, stored: stored)
        } catch {
            throw VigilError(.internal, code: "rules_unreadable", message: "The stored rules cannot be read.")
        }
        return RulesView(
            patientId: patient.id, formatVersion: RuleSet.currentFormatVersion, source: effective.source,
            rules: effective.ruleSet.rules, updatedAt: stored?.updatedAt, updatedBy: stored?.updatedBy,
            presets: Dictionary(uniqueKeysWithValues: Condition.allCases.map { ($0.rawValue, RulePresets.rules(for: $0)) }))
    }

    /// Validates a rule set and stores it as the patient's rules; the API and
    /// both of the dashboard's rule editors save through here. The caller has
    /// checked access to the patient.
    static func save(
        _ ruleSet: RuleSet, of patient: PatientID, by user: UserID, dependencies: WebDependencies
    ) async throws {
        try validate(ruleSet)
        try await dependencies.store.rules.setRules(
            StoredRuleSet(json: try PatientRules.encode(ruleSet), updatedAt: dependencies.now(), updatedBy: user),
            of: patient)
    }

    /// Refuses rule sets that cannot be evaluated, and ids Vigil keeps for itself.
    private static func validate(_ ruleSet: RuleSet) throws {
        do {
            try ruleSet.validate()
        } catch {
            throw VigilError.badRequest(
                "Rule '\(error.ruleID.rawValue)' is invalid: \(error.code.rawValue).", code: error.code.rawValue)
        }
        if let reserved = ruleSet.rules.first(where: { RuleIDs.isReserved($0.id.rawValue) }) {
            throw VigilError.badRequest(
                "Rule id '\(reserved.id.rawValue)' is reserved for Vigil's own alerts.", code: "reserved_rule_id")
        }
    }
}

/// A patient's rules in effect, with every condition's presets to pick from.
struct RulesView: ResponseEncodable {
    let patientId: PatientID
    let formatVersion: Int
    let source: PatientRules.Source
    let rules: [Rule]
    let updatedAt: Date?
    let updatedBy: UserID?
    let presets: [String: [Rule]]
}
