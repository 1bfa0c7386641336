import Foundation
import Hummingbird
import VigilCore
import VigilGateway
import VigilSecurity
import VigilStore

/// `/api/v1/devices`: the device registry. Keys are returned only on creation
/// and rotation; they are stored sealed by the key vault.
struct DevicesController {
    let dependencies: WebDependencies
    let devices: DeviceServices

    func register(on routes: SecureRoutes) {
        routes.add(.post, "devices", action: "device.create", allow: .admin) { request, caller in
            let input = try await request.decodeJSON(as: NewDeviceInput.self, context: caller.context)
            let id = try input.deviceId.map(DeviceRegistry.validatedID) ?? DeviceRegistry.generatedID()
            try await PatientRepository(store: dependencies.store, caller: caller).authorize("device.create", on: input.patientId)
            let credentials = try await registry.create(id, for: input.patientId, now: dependencies.now())
            try await caller.auditor.record("device.create", patient: input.patientId, detail: "device=\(id)")
            return Created(body: credentials)
        }
        routes.add(.get, "devices", action: "device.list", allow: .everyone) { request, caller in
            if let patient = request.query("patientId").map({ PatientID($0) }) {
                try await PatientRepository(store: dependencies.store, caller: caller).authorize("device.list", on: patient)
                return try await dependencies.store.devices.devices(of: patient).map(DeviceView.init)
            }
            guard caller.user.role == .admin else {
                try await caller.auditor.record("device.list", outcome: .denied, detail: "patientId required")
                throw VigilError.forbidden
            }
            try await caller.auditor.record("device.list")
            return try await dependencies.store.devices.devices(of: nil).map(DeviceView.init)
        }
        routes.add(.get, "devices/:deviceId", action: "device.read", allow: .everyone) { _, caller in
            DeviceView(try await visibleDevice(caller, action: "device.read"))
        }
        routes.add(.patch, "devices/:deviceId", action: "device.update", allow: .admin) { request, caller in
            let input = try await request.decodeJSON(as: DeviceUpdateInput.self, context: caller.context)
            var device = try await visibleDevice(caller, action: "device.update")
            if let patient = input.patientId {
                try await PatientRepository(store: dependencies.store, caller: caller).authorize("device.rebind", on: patient)
                device.patientID = patient
            }
            if let disabled = input.isDisabled { device.isDisabled = disabled }
            return DeviceView(try await registry.update(device))
        }
        for (path, disabled) in [("disable", true), ("enable", false)] {
            routes.add(.post, "devices/:deviceId/\(path)", action: "device.\(path)", allow: .admin) { _, caller in
                var device = try await visibleDevice(caller, action: "device.\(path)")
                device.isDisabled = disabled
                return DeviceView(try await registry.update(device))
            }
        }
        routes.add(.post, "devices/:deviceId/keys/rotate", action: "device.keys.rotate", allow: .admin) { request, caller in
            let input = try await request.decodeJSON(as: RotateKeyInput.self, context: caller.context)
            let device = try await visibleDevice(caller, action: "device.keys.rotate")
            return try await registry.rotate(input.key, of: device)
        }
    }

    private var registry: DeviceRegistry { DeviceRegistry(store: dependencies.store, services: devices) }

    private func visibleDevice(_ caller: SecureRoutes.Caller, action: String) async throws -> Device {
        try await DeviceLookup(store: dependencies.store).device(caller, action: action)
    }
}

/// `{"deviceId"?, "patientId"}`.
struct NewDeviceInput: Decodable {
    let deviceId: String?
    let patientId: PatientID
}

/// `{"patientId"?, "isDisabled"?}`: rebind or enable/disable.
struct DeviceUpdateInput: Decodable {
    let patientId: PatientID?
    let isDisabled: Bool?
}

/// `{"key": "primary" | "secondary"}`.
struct RotateKeyInput: Decodable {
    let key: SASVerifier.KeySlot
}

extension SASVerifier.KeySlot: Decodable {}

/// A device as the API shows it (never its keys).
struct DeviceView: ResponseEncodable {
    let deviceId: DeviceID
    let patientId: PatientID
    let isDisabled: Bool
    let status: String
    let createdAt: Date

    init(_ device: Device) {
        deviceId = device.id
        patientId = device.patientID
        isDisabled = device.isDisabled
        status = device.isDisabled ? "disabled" : "enabled"
        createdAt = device.createdAt
    }
}
