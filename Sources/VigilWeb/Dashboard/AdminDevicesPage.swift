import Foundation
import Hummingbird
import VigilCore
import VigilSecurity

/// `/dashboard/admin/devices`: every device, a create form, and per device
/// rebinding to another patient, key rotation and disable/enable, through
/// the same `DeviceRegistry` operations, access checks and audit records as
/// the device API. A new connection string is shown once, in the answer to
/// the form that made it (it is not stored in the clear).
struct AdminDevicesPage {
    let context: DashboardContext

    private struct Model {
        struct Row {
            let index: Int
            let id: String
            let patientName: String
            let patientPath: String
            let status: String
            let actionsPath: String
            let toggle: String
            let patients: [Option]
            let csrf: String
        }

        struct Option {
            let id: String
            let name: String
            let selected: Bool
        }

        /// A connection string to show once.
        struct Secret {
            let heading: String
            let connectionString: String
        }

        let rows: [Row]
        let patients: [Option]
        let csrf: String
        let feedback: AdminFormFeedback
        let secret: Secret?
    }

    func register(on routes: DashboardRoutes) {
        let page = self
        registerActions(on: routes)
        routes.page("admin/devices", action: "device.list", allow: .admin) { _, visitor in
            try await page.render(visitor, feedback: .none)
        }
        routes.form("admin/devices", action: "device.create", allow: .admin) { _, visitor, form in
            let dependencies = page.context.dependencies
            do {
                guard let patient = form.trimmed("patientId").map({ PatientID($0) }) else {
                    throw VigilError.badRequest("Choose a patient.", code: "invalid_patient")
                }
                let id = try form.trimmed("deviceId").map(DeviceRegistry.validatedID) ?? DeviceRegistry.generatedID()
                let credentials = try await page.registry.create(id, for: patient, now: dependencies.now())
                try await visitor.caller.auditor.record("device.create", patient: patient, detail: "device=\(id)")
                return try await page.render(
                    visitor, feedback: .notice("Device created."),
                    secret: Model.Secret(heading: "Connection string for \(id)", connectionString: credentials.connectionString))
            } catch {
                return try await page.render(visitor, feedback: try AdminFormFeedback.refusal(error))
            }
        }
    }

    /// Rebinding, disable, enable and key rotation of one device.
    private func registerActions(on routes: DashboardRoutes) {
        let page = self
        routes.form("admin/devices/:deviceId/rebind", action: "device.rebind", allow: .admin) { _, visitor, form in
            var device = try await page.device(visitor, action: "device.rebind")
            guard let patient = form.trimmed("patientId").map({ PatientID($0) }) else {
                return try await page.render(visitor, feedback: .error("Choose a patient."))
            }
            try await PatientRepository(store: page.context.dependencies.store, caller: visitor.caller)
                .authorize("device.rebind", on: patient)
            device.patientID = patient
            _ = try await page.registry.update(device)
            return try await page.render(visitor, feedback: .notice("Device \(device.id) is bound to another patient."))
        }
        for (action, disabled) in [("disable", true), ("enable", false)] {
            routes.form("admin/devices/:deviceId/\(action)", action: "device.\(action)", allow: .admin) { _, visitor, _ in
                var device = try await page.device(visitor, action: "device.\(action)")
                device.isDisabled = disabled
                _ = try await page.registry.update(device)
                return try await page.render(visitor, feedback: .notice("Device \(device.id) \(action)d."))
            }
        }
        routes.form("admin/devices/:deviceId/rotate", action: "device.keys.rotate", allow: .admin) { _, visitor, form in
            let device = try await page.device(visitor, action: "device.keys.rotate")
            guard let slot = SASVerifier.KeySlot(rawValue: form["key"] ?? "") else {
                return try await page.render(visitor, feedback: .error("Choose the primary or the secondary key."))
            }
            let credentials = try await page.registry.rotate(slot, of: device)
            let key = slot == .primary ? credentials.primaryKey : credentials.secondaryKey
            return try await page.render(
                visitor, feedback: .notice("The \(slot.rawValue) key of \(device.id) was replaced."),
                secret: Model.Secret(
                    heading: "New \(slot.rawValue) connection string for \(device.id)",
                    connectionString: page.registry.connectionString(device.id, key: key)))
        }
    }

    private var registry: DeviceRegistry {
        DeviceRegistry(store: context.dependencies.store, services: context.dependencies.devices)
    }

    /// The device named in the path, audited as `action` on its patient; 404 when there is none.
    private func device(_ visitor: DashboardContext.Visitor, action: String) async throws -> Device {
        try await DeviceLookup(store: context.dependencies.store).device(visitor.caller, action: action)
    }

    private func render(
        _ visitor: DashboardContext.Visitor, feedback: AdminFormFeedback, secret: Model.Secret? = nil
    ) async throws -> Response {
        let patients = try await PatientRepository(store: context.dependencies.store, caller: visitor.caller)
            .visiblePatients()
        let names = Dictionary(patients.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        let devices = try await context.dependencies.store.devices.devices(of: nil)
        try await visitor.caller.auditor.record("device.list", detail: "count=\(devices.count)")
        let csrf = visitor.session.csrfToken
        let rows = devices.enumerated().map { index, device in
            Model.Row(
                index: index, id: device.id.rawValue, patientName: names[device.patientID] ?? "unknown",
                patientPath: DashboardPaths.patient(device.patientID), status: device.isDisabled ? "disabled" : "enabled",
                actionsPath: DashboardPaths.device(device.id), toggle: device.isDisabled ? "enable" : "disable",
                patients: patients.map {
                    Model.Option(id: $0.id.rawValue, name: $0.displayName, selected: $0.id == device.patientID)
                },
                csrf: csrf)
        }
        var response = context.renderer.page(
            "admin-devices",
            Model(
                rows: rows,
                patients: patients.map { Model.Option(id: $0.id.rawValue, name: $0.displayName, selected: false) },
                csrf: csrf, feedback: feedback, secret: secret),
            title: "Devices", chrome: visitor.chrome,
            status: feedback.isError ? .badRequest : secret == nil ? .ok : .created)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
