import Foundation
import Logging
import NIOCore
import VigilCore
import VigilMQTT
import VigilStore

extension IoTHubGateway {
    /// What to do with a device's PUBLISH once it is handled.
    enum PublishOutcome: Sendable, Equatable {
        /// It is durable (or needed no storage): acknowledge it.
        case acknowledge
        /// Acknowledge it, then close the connection for this reason.
        case acknowledgeThenClose(String)
        /// Close the connection without acknowledging, for this reason: the
        /// device will send it again.
        case close(String)
    }

    /// Handles one device PUBLISH and acknowledges it (at QoS 1) when its outcome allows.
    func handle(_ publish: MQTTPublish, connection: IoTHubConnection, outbound: IoTHubConnection.Outbound) async {
        let outcome: PublishOutcome
        do {
            outcome = try await route(publish, connection: connection)
        } catch {
            logger.error(
                "Could not handle a device message",
                metadata: ["device": "\(connection.deviceID)", "error": "\(String(describing: type(of: error)))"])
            outcome = .close("internal_error")
        }
        switch outcome {
        case .acknowledge:
            if let id = publish.packetID { await connection.send(.publishCommitted(id)) }
        case .acknowledgeThenClose(let reason):
            if let id = publish.packetID { await connection.send(.publishCommitted(id)) }
            logger.notice(
                "Disconnecting a device", metadata: ["device": "\(connection.deviceID)", "reason": "\(reason)"])
            await connection.close()
        case .close(let reason):
            logger.notice(
                "Disconnecting a device", metadata: ["device": "\(connection.deviceID)", "reason": "\(reason)"])
            await connection.close()
        }
    }

    private func route(_ publish: MQTTPublish, connection: IoTHubConnection) async throws -> PublishOutcome {
        switch IoTHubTopic.parse(publish.topic) {
        case .telemetry(let deviceID, let moduleID, let properties)?:
            // A device may publish only as itself, as on IoT Hub.
            guard deviceID == connection.deviceID.rawValue, moduleID == nil else { return .close("foreign_topic") }
            return try await receiveTelemetry(publish.payload, properties: properties, device: connection.deviceID)
        case .twinGet(let requestID)?:
            let twin = try await twins.twin(of: connection.deviceID)
            await connection.publish(
                topic: IoTHubTopic.twinResponse(status: 200, requestID: requestID),
                payload: try DeviceTwins.deviceDocument(twin), ifSubscribedTo: .twinResponses)
            return .acknowledge
        case .reportedPropertiesPatch(let requestID)?:
            return try await patchReported(publish.payload, requestID: requestID, connection: connection)
        case .methodResponse(let status, let requestID)?:
            await connection.methodResponded(requestID: requestID, status: status, payload: publish.payload)
            return .acknowledge
        case nil:
            return .close("unsupported_topic")
        }
    }

    /// Telemetry: the same checks, quarantine and commit as the HTTPS
    /// endpoint. Acknowledged once durable, whether stored or quarantined.
    ///
    /// A message refused as unreadable or with every reading invalid is still
    /// acknowledged: it is durable in the quarantine, and IoT Hub itself never
    /// refuses a payload, so an IoT Hub device has no way to handle a refusal
    /// but to resend the same bytes for ever.
    func receiveTelemetry(
        _ payload: ByteBuffer, properties: IoTHubPropertyBag, device deviceID: DeviceID
    ) async throws -> PublishOutcome {
        let receivedAt = now()
        // The cached record, so a disable or a rebind made while connected applies within seconds.
        guard let device = try await authenticator.device(deviceID, now: receivedAt) else {
            return .close("unknown_device")
        }
        let body = Data(buffer: payload)
        let messageID = properties.messageID
        let contentType = properties.contentType
        guard !device.isDisabled else {
            try await ingestor.quarantine(
                body, deviceID: device.id, patientID: device.patientID, messageID: messageID,
                reason: "device_disabled", contentType: contentType, receivedAt: receivedAt)
            ingestor.metrics.message(.mqtt, outcome: "unauthorized")
            return .acknowledgeThenClose("device_disabled")
        }
        if case .throttled = await limiter.admit(device.id, now: receivedAt) {
            ingestor.metrics.message(.mqtt, outcome: "throttled")
            return .close("throttled")
        }
        if let contentType, !QuarantineReplayer.isJSON(contentType) {
            try await ingestor.quarantine(
                body, deviceID: device.id, patientID: device.patientID, messageID: messageID,
                reason: "unsupported_media_type", contentType: contentType, receivedAt: receivedAt)
            ingestor.metrics.message(.mqtt, outcome: "quarantined")
            return .acknowledge
        }
        guard body.count <= ingestor.configuration.maximumMessageBytes else {
            try await ingestor.quarantine(
                body, deviceID: device.id, patientID: device.patientID, messageID: messageID,
                reason: "payload_too_large", contentType: contentType, receivedAt: receivedAt)
            ingestor.metrics.message(.mqtt, outcome: "quarantined")
            return .acknowledge
        }
        let result = try await ingestor.ingest(
            body, from: device, transportMessageID: messageID, contentType: contentType ?? "application/json",
            receivedAt: receivedAt)
        ingestor.metrics.record(result, via: .mqtt)
        return .acknowledge
    }

    /// A reported-properties patch: merged and stored, then answered with the
    /// new version (204), or refused (400) when it is not a valid patch.
    private func patchReported(
        _ payload: ByteBuffer, requestID: String, connection: IoTHubConnection
    ) async throws -> PublishOutcome {
        do {
            let (twin, _) = try await twins.patch(
                .reported, of: connection.deviceID, with: Data(buffer: payload), at: now())
            await connection.publish(
                topic: IoTHubTopic.twinResponse(status: 204, requestID: requestID, version: twin.reportedVersion),
                payload: Data(), ifSubscribedTo: .twinResponses)
        } catch let error as TwinPatchError {
            let status = error.code == .contention ? 429 : 400
            await connection.publish(
                topic: IoTHubTopic.twinResponse(status: status, requestID: requestID),
                payload: Data(#"{"errorCode":"\#(error.code.rawValue)"}"#.utf8), ifSubscribedTo: .twinResponses)
        }
        return .acknowledge
    }
}
