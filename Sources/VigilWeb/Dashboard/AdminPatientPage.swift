import Foundation
import Hummingbird
import VigilCore

/// `/dashboard/admin/patients/{id}`: edit a patient's details and conditions,
/// and choose their care team; validated and audited like
/// `PUT /api/v1/patients/{id}` and `PUT /api/v1/patients/{id}/care-team`.
struct AdminPatientPage {
    let context: DashboardContext

    private struct Model {
        struct Choice {
            let value: String
            let label: String
            let checked: Bool
        }

        let name: String
        let birthDate: String
        let mrn: String
        let scale2: Bool
        let conditions: [Choice]
        let clinicians: [Choice]
        let hasClinicians: Bool
        let path: String
        let patientPath: String
        let csrf: String
        let feedback: AdminFormFeedback
    }

    func register(on routes: DashboardRoutes) {
        let page = self
        routes.page("admin/patients/:patientId", action: "patient.read", allow: .admin) { _, visitor in
            let id = PatientID(try visitor.parameter("patientId"))
            let patient = try await page.repository(visitor).patient(id)
            return try await page.render(patient, visitor: visitor, feedback: .none)
        }
        routes.form("admin/patients/:patientId", action: "patient.update", allow: .admin) { _, visitor, form in
            let id = PatientID(try visitor.parameter("patientId"))
            let repository = page.repository(visitor)
            do {
                let input = PatientInput(
                    displayName: form["displayName"] ?? "", birthDate: try Self.birthDate(form.trimmed("birthDate")),
                    mrn: form.trimmed("mrn"), news2Scale: form["news2Scale"] == "2" ? .scale2 : .scale1,
                    conditions: form.values("condition").compactMap(Condition.init(rawValue:)))
                // A blank field clears the value (the API leaves absent fields as they are).
                let patient = try await repository.update(id) { patient in
                    try input.apply(to: &patient)
                    if input.mrn == nil { patient.mrn = nil }
                    if input.birthDate == nil { patient.birthDate = nil }
                }
                return try await page.render(
                    patient, visitor: visitor, feedback: AdminFormFeedback(message: "Patient saved.", isError: false))
            } catch {
                let feedback = try AdminFormFeedback.refusal(error)
                return try await page.render(try await repository.patient(id), visitor: visitor, feedback: feedback)
            }
        }
        routes.form("admin/patients/:patientId/care-team", action: "patient.care_team.update", allow: .admin) {
            _, visitor, form in
            let id = PatientID(try visitor.parameter("patientId"))
            let repository = page.repository(visitor)
            let feedback: AdminFormFeedback
            do {
                try await repository.setCareTeam(of: id, to: form.values("clinician").map { UserID($0) })
                feedback = AdminFormFeedback(message: "Care team saved.", isError: false)
            } catch {
                feedback = try AdminFormFeedback.refusal(error)
            }
            return try await page.render(try await repository.patient(id), visitor: visitor, feedback: feedback)
        }
    }

    private func repository(_ visitor: DashboardContext.Visitor) -> PatientRepository {
        PatientRepository(store: context.dependencies.store, caller: visitor.caller)
    }

    static func birthDate(_ text: String?) throws -> CalendarDate? {
        guard let text else { return nil }
        guard let date = CalendarDate(text) else {
            throw VigilError.badRequest("The birth date must be YYYY-MM-DD.", code: "invalid_birth_date")
        }
        return date
    }

    private func render(_ patient: Patient, visitor: DashboardContext.Visitor, feedback: AdminFormFeedback) async throws -> Response {
        let store = context.dependencies.store
        let team = Set(try await store.patients.careTeam(of: patient.id))
        let clinicians = try await store.users.all().filter { $0.role == .clinician && !$0.isDisabled }
        let model = Model(
            name: patient.displayName, birthDate: patient.birthDate?.description ?? "", mrn: patient.mrn ?? "",
            scale2: patient.news2Scale == .scale2,
            conditions: Condition.allCases.map {
                .init(value: $0.rawValue, label: $0.rawValue, checked: patient.conditions.contains($0))
            },
            clinicians: clinicians.map {
                .init(value: $0.id.rawValue, label: "\($0.displayName) (\($0.username))", checked: team.contains($0.id))
            },
            hasClinicians: !clinicians.isEmpty, path: "/dashboard/admin/patients/\(patient.id.rawValue)",
            patientPath: DashboardPaths.patient(patient.id), csrf: visitor.session.csrfToken, feedback: feedback)
        return context.renderer.page(
            "admin-patient", model, title: "Edit patient", chrome: visitor.chrome,
            status: feedback.isError ? .badRequest : .ok)
    }
}
