import Foundation
import Hummingbird
import VigilCore

/// `/dashboard/admin/patients`: every patient with a create form.
struct AdminPatientsPage {
    let context: DashboardContext

    private struct Model {
        struct Row {
            let name: String
            let path: String
            let editPath: String
            let mrn: String
            let birthDate: String
            let scale: Int
        }

        let rows: [Row]
        let csrf: String
        let feedback: AdminFormFeedback
    }

    func register(on routes: DashboardRoutes) {
        let page = self
        routes.page("admin/patients", action: "patient.list", allow: .admin) { _, visitor in
            try await page.render(visitor, feedback: .none)
        }
        routes.form("admin/patients", action: "patient.create", allow: .admin) { _, visitor, form in
            let feedback: AdminFormFeedback
            do {
                let now = page.context.dependencies.now()
                var patient = Patient(displayName: "", createdAt: now)
                try PatientInput(
                    displayName: form["displayName"] ?? "", birthDate: try AdminPatientPage.birthDate(form.trimmed("birthDate")),
                    mrn: form.trimmed("mrn"), news2Scale: form["news2Scale"] == "2" ? .scale2 : .scale1, conditions: nil
                ).apply(to: &patient)
                try await PatientRepository(store: page.context.dependencies.store, caller: visitor.caller).create(patient)
                feedback = AdminFormFeedback(message: "Patient created.", isError: false)
            } catch {
                feedback = try AdminFormFeedback.refusal(error)
            }
            return try await page.render(visitor, feedback: feedback)
        }
    }

    private func render(_ visitor: DashboardContext.Visitor, feedback: AdminFormFeedback) async throws -> Response {
        let patients = try await PatientRepository(store: context.dependencies.store, caller: visitor.caller)
            .visiblePatients()
        let rows = patients.map {
            Model.Row(
                name: $0.displayName, path: DashboardPaths.patient($0.id),
                editPath: "/dashboard/admin/patients/\($0.id.rawValue)", mrn: $0.mrn ?? "",
                birthDate: $0.birthDate?.description ?? "", scale: $0.news2Scale.rawValue)
        }
        return context.renderer.page(
            "admin-patients", Model(rows: rows, csrf: visitor.session.csrfToken, feedback: feedback), title: "Patients",
            chrome: visitor.chrome, status: feedback.isError ? .badRequest : .ok)
    }
}
