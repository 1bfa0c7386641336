import Foundation
import HTTPTypes
import Hummingbird
import VigilCore
import VigilGateway

/// `POST /api/v1/devices/{id}/messages` (admins): queues a cloud-to-device
/// message, delivered at QoS 1 while the device is connected and subscribed,
/// and kept (across reconnects and restarts) until the device acknowledges it.
///
/// The request body is the message body as is; its `Content-Type` becomes
/// `$.ct`; `iothub-app-{name}` headers become application properties (as on
/// IoT Hub's HTTPS API); `?ttlSeconds=` sets how long it is kept (default
/// 3600, at most 172800). Answers 202 `{messageId, expiresAt}`; 409
/// `queue_full` when 50 messages already wait; 413 over 64 KiB.
struct CloudMessagesController {
    let dependencies: WebDependencies
    let devices: DeviceServices

    /// The largest cloud-to-device message (IoT Hub's limit).
    static let maximumBytes = 65_536
    static let applicationPropertyPrefix = "iothub-app-"

    func register(on routes: SecureRoutes) {
        let lookup = DeviceLookup(store: dependencies.store)
        routes.add(.post, "devices/:deviceId/messages", action: "device.message.send", allow: .admin) {
            request, caller in
            let device = try await lookup.device(caller, action: "device.message.send")
            var lifetime: Duration?
            if let text = request.query("ttlSeconds") {
                guard let seconds = Int(text), (1...172_800).contains(seconds) else {
                    throw VigilError.badRequest("ttlSeconds must be 1 to 172800.", code: "invalid_query")
                }
                lifetime = .seconds(seconds)
            }
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: Self.maximumBytes)
            } catch {
                throw VigilError(
                    .payloadTooLarge, code: "payload_too_large",
                    message: "A cloud-to-device message may be at most \(Self.maximumBytes) bytes.")
            }
            var properties: [String: String] = [:]
            for field in request.headers {
                let name = field.name.canonicalName
                guard name.hasPrefix(Self.applicationPropertyPrefix), name.count > Self.applicationPropertyPrefix.count
                else { continue }
                properties[String(name.dropFirst(Self.applicationPropertyPrefix.count))] = field.value
            }
            guard
                let message = try await devices.cloudMessages.send(
                    Data(buffer: buffer), to: device.id, properties: properties,
                    contentType: request.headers[.contentType], lifetime: lifetime, now: dependencies.now())
            else {
                throw VigilError(
                    .conflict, code: "queue_full", message: "The device already has the most messages queued.")
            }
            try await caller.auditor.record(
                "device.message.send", patient: device.patientID, detail: "device=\(device.id) message=\(message.id)")
            return Accepted(body: CloudMessageView(messageId: message.messageID, expiresAt: message.expiresAt))
        }
    }
}

/// A queued cloud-to-device message.
struct CloudMessageView: ResponseEncodable {
    let messageId: String
    let expiresAt: Date
}

/// A JSON response with status 202 Accepted.
struct Accepted<Body: ResponseEncodable>: ResponseGenerator {
    let body: Body

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try body.response(from: request, context: context)
        response.status = .accepted
        return response
    }
}
