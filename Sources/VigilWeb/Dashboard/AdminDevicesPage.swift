import Foundation
import Hummingbird
import VigilCore

/// `/dashboard/admin/devices`: every device, and a create form whose answer
/// shows the new device's connection string once (it is not stored in the clear).
struct AdminDevicesPage {
    let context: DashboardContext

    private struct Model {
        struct Row {
            let id: String
            let patientName: String
            let patientPath: String
            let status: String
        }

        struct Option {
            let id: String
            let name: String
        }

        let rows: [Row]
        let patients: [Option]
        let csrf: String
        let feedback: AdminFormFeedback
        let created: DeviceCredentials?
    }

    func register(on routes: DashboardRoutes) {
        let page = self
        routes.page("admin/devices", action: "device.list", allow: .admin) { _, visitor in
            try await page.render(visitor, feedback: .none, created: nil)
        }
        routes.form("admin/devices", action: "device.create", allow: .admin) { _, visitor, form in
            let dependencies = page.context.dependencies
            do {
                guard let patient = form.trimmed("patientId").map({ PatientID($0) }) else {
                    throw VigilError.badRequest("Choose a patient.", code: "invalid_patient")
                }
                let id = try form.trimmed("deviceId").map(DeviceRegistry.validatedID) ?? DeviceRegistry.generatedID()
                let credentials = try await DeviceRegistry(store: dependencies.store, services: dependencies.devices)
                    .create(id, for: patient, now: dependencies.now())
                try await visitor.caller.auditor.record("device.create", patient: patient, detail: "device=\(id)")
                return try await page.render(
                    visitor, feedback: AdminFormFeedback(message: "Device created.", isError: false), created: credentials)
            } catch {
                return try await page.render(visitor, feedback: try AdminFormFeedback.refusal(error), created: nil)
            }
        }
    }

    private func render(
        _ visitor: DashboardContext.Visitor, feedback: AdminFormFeedback, created: DeviceCredentials?
    ) async throws -> Response {
        let patients = try await PatientRepository(store: context.dependencies.store, caller: visitor.caller)
            .visiblePatients()
        let names = Dictionary(patients.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        let devices = try await context.dependencies.store.devices.devices(of: nil)
        try await visitor.caller.auditor.record("device.list", detail: "count=\(devices.count)")
        let rows = devices.map {
            Model.Row(
                id: $0.id.rawValue, patientName: names[$0.patientID] ?? "unknown",
                patientPath: DashboardPaths.patient($0.patientID), status: $0.isDisabled ? "disabled" : "enabled")
        }
        var response = context.renderer.page(
            "admin-devices",
            Model(
                rows: rows, patients: patients.map { Model.Option(id: $0.id.rawValue, name: $0.displayName) },
                csrf: visitor.session.csrfToken, feedback: feedback, created: created),
            title: "Devices", chrome: visitor.chrome,
            status: feedback.isError ? .badRequest : created == nil ? .ok : .created)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
