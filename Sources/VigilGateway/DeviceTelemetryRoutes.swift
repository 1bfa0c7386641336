import Foundation
import HTTPTypes
import Hummingbird
import VigilCore
import VigilStore

/// `POST /devices/{deviceId}/messages/events`: IoT Hub's HTTPS telemetry
/// endpoint. Answers 204 only after the readings are committed.
///
/// Refusals: 401 bad or missing SAS token or disabled device (audited), 429
/// over the device's rate (with `Retry-After`), 415 not JSON, 413 over 256 KiB,
/// 400 unreadable message or every reading refused. Everything a device
/// sent that was refused after authentication is quarantined with its reason;
/// a throttled message is not (the device was told to send it again).
public struct DeviceTelemetryRoutes: Sendable {
    let authenticator: DeviceAuthenticator
    let limiter: DeviceRateLimiter
    let ingestor: DeviceIngestor
    let audit: any AuditStore
    let now: @Sendable () -> Date

    public init(
        authenticator: DeviceAuthenticator, limiter: DeviceRateLimiter, ingestor: DeviceIngestor,
        audit: any AuditStore, now: @escaping @Sendable () -> Date
    ) {
        self.authenticator = authenticator
        self.limiter = limiter
        self.ingestor = ingestor
        self.audit = audit
        self.now = now
    }

    /// Adds the telemetry route to a router.
    public func register<Context: DeviceRequestContext>(on router: Router<Context>) {
        router.post("devices/:deviceId/messages/events") { request, context in
            try await receive(request, context: context)
        }
    }

    private func receive(_ request: Request, context: some DeviceRequestContext) async throws -> Response {
        let receivedAt = now()
        let raw = context.parameters.get("deviceId") ?? ""
        let deviceID = DeviceID(raw.removingPercentEncoding ?? raw)
        let messageID = request.headers[.iothubMessageID]
        let contentType = request.headers[.contentType]

        let device: Device
        switch try await authenticator.authenticate(
            deviceID: deviceID, token: request.headers[.authorization], now: receivedAt)
        {
        case .refused(let reason):
            try await refuse(deviceID, patient: nil, reason: reason, context: context, at: receivedAt)
            ingestor.metrics.message(.https, outcome: "unauthorized")
            throw Self.unauthorized
        case .disabled(let disabled):
            let body = try await Self.collect(request.body, limit: ingestor.configuration.maximumMessageBytes).bytes
            try await ingestor.quarantine(
                body, deviceID: deviceID, patientID: disabled.patientID, messageID: messageID, reason: "device_disabled",
                contentType: contentType, receivedAt: receivedAt)
            try await refuse(deviceID, patient: disabled.patientID, reason: "device_disabled", context: context, at: receivedAt)
            ingestor.metrics.message(.https, outcome: "unauthorized")
            throw Self.unauthorized
        case .authenticated(let authenticated):
            device = authenticated
        }

        if case .throttled(let retryAfter) = await limiter.admit(deviceID, now: receivedAt) {
            ingestor.metrics.message(.https, outcome: "throttled")
            throw VigilError(
                .throttled, code: "throttled", message: "The device is sending faster than its rate limit.",
                retryAfterSeconds: retryAfter)
        }
        let limit = ingestor.configuration.maximumMessageBytes
        let (body, isComplete) = try await Self.collect(request.body, limit: limit)
        guard contentType.map(QuarantineReplayer.isJSON) ?? false else {
            try await ingestor.quarantine(
                body, deviceID: deviceID, patientID: device.patientID, messageID: messageID,
                reason: "unsupported_media_type", contentType: contentType, receivedAt: receivedAt)
            ingestor.metrics.message(.https, outcome: "quarantined")
            throw VigilError(.unsupportedMediaType, code: "unsupported_media_type", message: "The body must be application/json.")
        }
        guard isComplete else {
            try await ingestor.quarantine(
                body, deviceID: deviceID, patientID: device.patientID, messageID: messageID, reason: "payload_too_large",
                contentType: contentType, receivedAt: receivedAt)
            ingestor.metrics.message(.https, outcome: "quarantined")
            throw VigilError(
                .payloadTooLarge, code: "payload_too_large", message: "A device message may be at most \(limit) bytes.")
        }

        let result = try await ingestor.ingest(
            body, from: device, transportMessageID: messageID, contentType: contentType, receivedAt: receivedAt)
        ingestor.metrics.record(result, via: .https)
        switch result {
        case .stored, .duplicate:
            return Response(status: .noContent)
        case .allRejected(let rejections):
            let reasons = Set(rejections.map { $0.reason.rawValue }).sorted().joined(separator: ", ")
            throw VigilError.badRequest("Every reading was refused (\(reasons)); they are quarantined.", code: "readings_rejected")
        case .unparseable(let rejection):
            throw VigilError.badRequest("The message could not be read (\(rejection.code)); it is quarantined.", code: "invalid_message")
        }
    }

    private static let unauthorized = VigilError(
        .unauthenticated, code: "unauthorized", message: "The device's shared access signature was refused.")

    private func refuse(
        _ device: DeviceID, patient: PatientID?, reason: String, context: some DeviceRequestContext, at time: Date
    ) async throws {
        try await audit.append(
            AuditEntry(
                time: time, action: "device.telemetry", patientID: patient, outcome: .denied,
                sourceAddress: context.sourceAddress, detail: "device=\(device) reason=\(reason)"))
    }

    /// Reads up to `limit` bytes; `isComplete` is false when the body was longer.
    static func collect(_ body: RequestBody, limit: Int) async throws -> (bytes: Data, isComplete: Bool) {
        var data = Data()
        for try await buffer in body {
            let room = limit - data.count
            if buffer.readableBytes > room {
                data.append(contentsOf: buffer.readableBytesView.prefix(room))
                return (data, false)
            }
            data.append(contentsOf: buffer.readableBytesView)
        }
        return (data, true)
    }
}

extension HTTPField.Name {
    /// IoT Hub's message-id header.
    static let iothubMessageID = HTTPField.Name("iothub-messageid")!
}
