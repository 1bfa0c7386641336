import Foundation
import Hummingbird
import VigilAnalytics
import VigilCore
import VigilMonitoring
import VigilStore

/// `/dashboard/patients/{id}/rules` (admins and the care team): the rules in
/// effect, as a table and as editable JSON, with the presets of every
/// condition to copy from. Saving validates and stores exactly as
/// `PUT /api/v1/patients/{id}/rules` does.
struct RulesPageController {
    let context: DashboardContext

    private struct Model {
        struct Row {
            let id: String
            let name: String
            let severity: String
            let enabled: String
            let condition: String
        }

        struct Presets {
            let condition: String
            let json: String
        }

        let patientName: String
        let patientPath: String
        let formPath: String
        let source: String
        let rows: [Row]
        let json: String
        let presets: [Presets]
        let csrf: String
        let feedback: AdminFormFeedback
    }

    func register(on routes: DashboardRoutes) {
        let page = self
        routes.page("patients/:patientId/rules", action: "patient.rules.read", allow: .staff) { _, visitor in
            let id = PatientID(try visitor.parameter("patientId"))
            return try await page.render(id, visitor: visitor, draft: nil, feedback: .none)
        }
        routes.form("patients/:patientId/rules", action: "patient.rules.update", allow: .staff) { _, visitor, form in
            let id = PatientID(try visitor.parameter("patientId"))
            let dependencies = page.context.dependencies
            let patient = try await PatientRepository(store: dependencies.store, caller: visitor.caller)
                .patient(id, action: "patient.rules.update")
            let text = form["rules"] ?? ""
            do {
                let ruleSet: RuleSet
                do {
                    ruleSet = try JSONCoding.decoder.decode(RuleSet.self, from: Data(text.utf8))
                } catch {
                    throw VigilError.badRequest("The rules are not a valid rule set (JSON).", code: "invalid_rules")
                }
                try RulesController.validate(ruleSet)
                try await dependencies.store.rules.setRules(
                    StoredRuleSet(json: try PatientRules.encode(ruleSet), updatedAt: dependencies.now(), updatedBy: visitor.user.id),
                    of: patient.id)
                return try await page.render(
                    id, visitor: visitor, draft: nil, feedback: AdminFormFeedback(message: "Rules saved.", isError: false),
                    audited: true)
            } catch {
                return try await page.render(
                    id, visitor: visitor, draft: text, feedback: try AdminFormFeedback.refusal(error), audited: true)
            }
        }
    }

    private func render(
        _ id: PatientID, visitor: DashboardContext.Visitor, draft: String?, feedback: AdminFormFeedback,
        audited: Bool = false
    ) async throws -> Response {
        let store = context.dependencies.store
        let repository = PatientRepository(store: store, caller: visitor.caller)
        let patient = audited ? try await store.patients.patient(id) : try await repository.patient(id, action: "patient.rules.read")
        guard let patient else { throw VigilError.notFound("patient") }
        let stored = try await store.rules.rules(of: id)
        let effective: PatientRules
        do {
            effective = try PatientRules.effective(for: patient, stored: stored)
        } catch {
            throw VigilError(.internal, code: "rules_unreadable", message: "The stored rules cannot be read.")
        }
        let rows = effective.ruleSet.rules.map {
            Model.Row(
                id: $0.id.rawValue, name: $0.name, severity: $0.severity.rawValue, enabled: $0.isEnabled ? "on" : "off",
                condition: $0.condition.summary)
        }
        let model = Model(
            patientName: patient.displayName, patientPath: DashboardPaths.patient(id),
            formPath: DashboardPaths.patient(id) + "/rules", source: effective.source.rawValue, rows: rows,
            json: draft ?? Self.pretty(effective.ruleSet),
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
