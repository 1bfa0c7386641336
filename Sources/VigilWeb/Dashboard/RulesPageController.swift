import Foundation
import Hummingbird
import VigilAnalytics
import VigilCore
import VigilMonitoring
import VigilSecurity
import VigilStore

/// `/dashboard/patients/{id}/rules` (admins and the care team): the rules in
/// effect as a form (switch rules and presets on and off, edit their
/// numbers, add and remove threshold rules, see `RuleSetForm`) and as
/// editable JSON, with the presets of every condition. Both save through
/// `RulesController.save`, the validation and storage of
/// `PUT /api/v1/patients/{id}/rules`.
struct RulesPageController {
    let context: DashboardContext

    private struct Model {
        struct Presets {
            let condition: String
            let json: String
        }

        let patientName: String
        let patientPath: String
        let formPath: String
        let source: String
        let rows: [RuleSetForm.Row]
        let types = RuleSetForm.types
        let comparisons = RuleSetForm.comparisons
        let severities = RuleSetForm.severities
        let json: String
        let presets: [Presets]
        let csrf: String
        let feedback: AdminFormFeedback
    }

    func register(on routes: DashboardRoutes) {
        let page = self
        routes.page("patients/:patientId/rules", action: "patient.rules.read", allow: .staff) { _, visitor in
            let patient = try await page.patient(visitor, action: "patient.rules.read")
            return try await page.render(patient, visitor: visitor, draft: nil, feedback: .none)
        }
        routes.form("patients/:patientId/rules", action: "patient.rules.update", allow: .staff) { _, visitor, form in
            let text = form["rules"] ?? ""
            return try await page.save(visitor, draft: text) { _ in
                do {
                    return try JSONCoding.decoder.decode(RuleSet.self, from: Data(text.utf8))
                } catch {
                    throw VigilError.badRequest("The rules are not a valid rule set (JSON).", code: "invalid_rules")
                }
            }
        }
        routes.form("patients/:patientId/rules/form", action: "patient.rules.update", allow: .staff) { _, visitor, form in
            try await page.save(visitor, draft: nil) { current in
                try RuleSetForm(current: current).ruleSet(from: form) {
                    RuleID("rule." + SecureRandom.base64URL(byteCount: 6))
                }
            }
        }
    }

    /// Checks access, makes the new rule set from the rules in effect and
    /// saves it; a refusal the visitor can fix is shown on the page (with the
    /// JSON `draft`, if that is what was sent).
    private func save(
        _ visitor: DashboardContext.Visitor, draft: String?, _ make: (RuleSet) throws -> RuleSet
    ) async throws -> Response {
        let patient = try await patient(visitor, action: "patient.rules.update")
        do {
            let ruleSet = try make(try await effective(patient).ruleSet)
            try await RulesController.save(
                ruleSet, of: patient.id, by: visitor.user.id, dependencies: context.dependencies)
            return try await render(patient, visitor: visitor, draft: nil, feedback: .notice("Rules saved."))
        } catch {
            return try await render(patient, visitor: visitor, draft: draft, feedback: try AdminFormFeedback.refusal(error))
        }
    }

    /// The patient in the path, if the visitor may see it (audited as `action`).
    private func patient(_ visitor: DashboardContext.Visitor, action: String) async throws -> Patient {
        try await PatientRepository(store: context.dependencies.store, caller: visitor.caller)
            .patient(PatientID(try visitor.parameter("patientId")), action: action)
    }

    private func effective(_ patient: Patient) async throws -> PatientRules {
        let stored = try await context.dependencies.store.rules.rules(of: patient.id)
        do {
            return try PatientRules.effective(for: patient, stored: stored)
        } catch {
            throw VigilError(.internal, code: "rules_unreadable", message: "The stored rules cannot be read.")
        }
    }

    private func render(
        _ patient: Patient, visitor: DashboardContext.Visitor, draft: String?, feedback: AdminFormFeedback
    ) async throws -> Response {
        let effective = try await effective(patient)
        let model = Model(
            patientName: patient.displayName, patientPath: DashboardPaths.patient(patient.id),
            formPath: DashboardPaths.patient(patient.id) + "/rules", source: effective.source.rawValue,
            rows: RuleSetForm(current: effective.ruleSet).rows, json: draft ?? Self.pretty(effective.ruleSet),
            presets: Condition.allCases.map {
                Model.Presets(condition: $0.rawValue, json: Self.pretty(RuleSet(rules: RulePresets.rules(for: $0))))
            },
            csrf: visitor.session.csrfToken, feedback: feedback)
        return context.renderer.page(
            "rules", model, title: "Rules", chrome: visitor.chrome, status: feedback.isError ? .badRequest : .ok)
    }

    private static func pretty(_ ruleSet: RuleSet) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(ruleSet)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
