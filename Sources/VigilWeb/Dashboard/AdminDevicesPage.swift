import Foundation
import Hummingbird
import VigilCore
import VigilSecurity

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
            let actionsPath: String
            let toggle: String
            let csrf: String
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
        registerActions(on: routes)
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

    /// Disable, enable and key rotation of one device, audited as the API's routes are.
    private func registerActions(on routes: DashboardRoutes) {
        let page = self
        for (action, disabled) in [("disable", true), ("enable", false)] {
            routes.form("admin/devices/:deviceId/\(action)", action: "device.\(action)", allow: .admin) { _, visitor, _ in
                var device = try await page.device(visitor, action: "device.\(action)")
                device.isDisabled = disabled
                _ = try await page.registry.update(device)
                return try await page.render(
                    visitor, feedback: AdminFormFeedback(message: "Device \(device.id) \(action)d.", isError: false),
                    created: nil)
            }
        }
        routes.form("admin/devices/:deviceId/rotate", action: "device.keys.rotate", allow: .admin) { _, visitor, form in
            let device = try await page.device(visitor, action: "device.keys.rotate")
            let slot = SASVerifier.KeySlot(rawValue: form["key"] ?? "") ?? .primary
            let credentials = try await page.registry.rotate(slot, of: device)
            return try await page.render(
                visitor, feedback: AdminFormFeedback(message: "The \(slot.rawValue) key of \(device.id) was replaced.", isError: false),
                created: credentials)
        }
    }

    private var registry: DeviceRegistry {
        DeviceRegistry(store: context.dependencies.store, services: context.dependencies.devices)
    }

    /// The device named in the path, audited as `action` on its patient; 404 when there is none.
    private func device(_ visitor: DashboardContext.Visitor, action: String) async throws -> Device {
        let raw = try visitor.parameter("deviceId")
        guard let device = try await context.dependencies.store.devices.device(DeviceID(raw.removingPercentEncoding ?? raw)) else {
            try await visitor.caller.auditor.record(action, outcome: .denied, detail: "device not found")
            throw VigilError.notFound("device")
        }
        try await PatientRepository(store: context.dependencies.store, caller: visitor.caller).authorize(action, on: device.patientID)
        return device
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
                patientPath: DashboardPaths.patient($0.patientID), status: $0.isDisabled ? "disabled" : "enabled",
                actionsPath: "/dashboard/admin/devices/" + ($0.id.rawValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                toggle: $0.isDisabled ? "enable" : "disable", csrf: visitor.session.csrfToken)
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
