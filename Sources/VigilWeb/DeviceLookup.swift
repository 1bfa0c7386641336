import Foundation
import VigilCore
import VigilStore

/// Finds the device a route's `:deviceId` names, for one caller: a device
/// that does not exist, or whose patient the caller may not see, is a 404
/// (audited as denied), exactly alike.
struct DeviceLookup: Sendable {
    let store: any Store

    /// The device in the path, if its patient is visible to the caller; the
    /// access is audited as `action` on that patient.
    func device(_ caller: SecureRoutes.Caller, action: String) async throws -> Device {
        let raw = try caller.parameter("deviceId")
        guard let device = try await store.devices.device(DeviceID(raw.removingPercentEncoding ?? raw)) else {
            try await caller.auditor.record(action, outcome: .denied, detail: "device not found")
            throw VigilError.notFound("device")
        }
        try await PatientRepository(store: store, caller: caller).authorize(action, on: device.patientID)
        return device
    }
}
