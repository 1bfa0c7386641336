import Foundation
import Hummingbird
import VigilCore
import VigilGateway

/// `POST /api/v1/devices/{id}/methods/{name}` (admins): calls a direct method
/// on a device connected to this node and returns its answer.
///
/// Body `{"payload": <any JSON>, "timeoutSeconds": 5…300 (default 30)}`;
/// answer `{"status": <device's status>, "payload": <device's JSON>}`.
/// 404 `device_offline` when the device is not connected here or has not
/// subscribed to methods; 504 `timeout` when it does not answer in time.
struct DirectMethodsController {
    let dependencies: WebDependencies
    let devices: DeviceServices

    /// The allowed response timeouts, in seconds (IoT Hub's range).
    static let timeouts = 5...300
    static let defaultTimeout = 30

    func register(on routes: SecureRoutes) {
        let lookup = DeviceLookup(store: dependencies.store)
        routes.add(.post, "devices/:deviceId/methods/:methodName", action: "device.method.invoke", allow: .admin) {
            request, caller in
            let device = try await lookup.device(caller, action: "device.method.invoke")
            let name = try caller.parameter("methodName")
            guard (1...128).contains(name.utf8.count) else {
                throw VigilError.badRequest("The method name must be 1 to 128 bytes.", code: "invalid_method_name")
            }
            let input = try await request.decodeJSON(as: MethodCallInput.self, context: caller.context)
            let timeout = input.timeoutSeconds ?? input.responseTimeoutInSeconds ?? Self.defaultTimeout
            guard Self.timeouts.contains(timeout) else {
                throw VigilError.badRequest("timeoutSeconds must be 5 to 300.", code: "invalid_timeout")
            }
            let payload = try CompactJSONEncoder().encode(input.payload ?? .null)
            let result: DirectMethodResult
            do {
                result = try await devices.connections.invokeMethod(
                    on: device.id, name: name, payload: payload, timeout: .seconds(timeout))
            } catch let error as DirectMethodError {
                try await caller.auditor.record(
                    "device.method.invoke", patient: device.patientID, outcome: .failure,
                    detail: "device=\(device.id) method=\(name) reason=\(error.code.rawValue)")
                switch error.code {
                case .deviceOffline, .disconnected:
                    throw VigilError(
                        .notFound, code: error.code.rawValue, message: "The device is not connected to this node.")
                case .timeout:
                    // Returned, not thrown: the error middleware knows no 504.
                    return try GatewayTimeout(message: "The device did not answer within \(timeout) s.")
                        .response(from: request, context: caller.context)
                }
            }
            try await caller.auditor.record(
                "device.method.invoke", patient: device.patientID,
                detail: "device=\(device.id) method=\(name) status=\(result.status)")
            return try MethodResultView(status: result.status, payload: result.payload)
                .response(from: request, context: caller.context)
        }
    }
}

/// `{"payload"?, "timeoutSeconds"?}`; IoT Hub's `responseTimeoutInSeconds` is accepted too.
struct MethodCallInput: Decodable {
    let payload: AnyJSON?
    let timeoutSeconds: Int?
    let responseTimeoutInSeconds: Int?
}

/// A device's answer to a direct method.
struct MethodResultView: ResponseEncodable {
    let status: Int
    let payload: AnyJSON
}

/// 504 with the API's error body: the device did not answer in time.
struct GatewayTimeout: ResponseGenerator {
    let message: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONCoding.encoder.encode(ErrorBody(error: .init(code: "timeout", message: message)))
        return Response(
            status: .gatewayTimeout, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
