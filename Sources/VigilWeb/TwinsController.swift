import Foundation
import Hummingbird
import VigilCore
import VigilGateway
import VigilStore

/// `/api/v1/devices/{id}/twin`: read a device's twin (anyone who may see the
/// device's patient) and change its desired properties (admins). A change is
/// pushed at once to the device if it is connected to this node and
/// subscribed; otherwise the device reads it when it next fetches its twin.
struct TwinsController {
    let dependencies: WebDependencies
    let devices: DeviceServices

    func register(on routes: SecureRoutes) {
        let lookup = DeviceLookup(store: dependencies.store)
        routes.add(.get, "devices/:deviceId/twin", action: "device.twin.read", allow: .everyone) { _, caller in
            let device = try await lookup.device(caller, action: "device.twin.read")
            return TwinView(try await devices.twins.twin(of: device.id))
        }
        routes.add(.patch, "devices/:deviceId/twin/desired", action: "device.twin.update", allow: .admin) {
            request, caller in
            let device = try await lookup.device(caller, action: "device.twin.update")
            try request.requireJSON()
            let body = Data(buffer: try await request.body.collect(upTo: Request.maximumJSONBodySize))
            let (twin, patch): (DeviceTwin, [String: AnyJSON])
            do {
                (twin, patch) = try await devices.twins.patch(
                    .desired, of: device.id, with: body, at: dependencies.now())
            } catch let error as TwinPatchError {
                throw VigilError.badRequest("The patch was refused (\(error.code.rawValue)).", code: "invalid_patch")
            }
            try await caller.auditor.record(
                "device.twin.desired", patient: device.patientID,
                detail: "device=\(device.id) version=\(twin.desiredVersion)")
            await devices.connections.pushDesiredProperties(to: device.id, patch: patch, version: twin.desiredVersion)
            return TwinView(twin)
        }
    }
}

/// A twin as the API shows it: both documents with their `$version`.
struct TwinView: ResponseEncodable {
    let deviceId: DeviceID
    let desired: AnyJSON
    let reported: AnyJSON

    init(_ twin: DeviceTwin) {
        deviceId = twin.deviceID
        desired = DeviceTwins.withVersion(twin.desired, twin.desiredVersion)
        reported = DeviceTwins.withVersion(twin.reported, twin.reportedVersion)
    }
}

extension Request {
    /// Throws 415 unless the body is declared JSON (`application/json` or `+json`).
    func requireJSON() throws {
        guard let contentType = headers[.contentType], MediaType(from: contentType)?.isJSON == true else {
            throw VigilError(
                .unsupportedMediaType, code: "unsupported_media_type", message: "The body must be application/json.")
        }
    }
}
