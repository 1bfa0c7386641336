import Foundation
import VigilCore
import VigilMonitoring
import VigilStore

/// Turns one authenticated device message into committed readings and
/// quarantined refusals; shared by the HTTPS endpoint and the MQTT gateway.
public struct DeviceIngestor: Sendable {
    /// Limits of device messages.
    public struct Configuration: Sendable {
        /// Largest message body accepted (IoT Hub's limit). Default 256 KiB.
        public var maximumMessageBytes: Int
        /// Time window and count limits for readings.
        public var policy: DeviceMessageParser.Policy
        /// Whether each stored message also writes a `reading.created` webhook event. Default false (high volume).
        public var readingEvents: Bool

        public init(
            maximumMessageBytes: Int = 262_144, policy: DeviceMessageParser.Policy = .init(), readingEvents: Bool = false
        ) {
            self.maximumMessageBytes = maximumMessageBytes
            self.policy = policy
            self.readingEvents = readingEvents
        }
    }

    /// What became of a message.
    public enum Result: Sendable, Equatable {
        /// Committed: `accepted` readings stored; `rejected` readings quarantined.
        case stored(accepted: Int, rejected: [ReadingRejection])
        /// The same device sent this message id before; nothing was stored again.
        case duplicate
        /// Every reading was refused and quarantined.
        case allRejected([ReadingRejection])
        /// The message could not be read at all and was quarantined whole.
        case unparseable(MessageRejection)
    }

    public let configuration: Configuration
    /// Where messages, readings and quarantined items are counted.
    public let metrics: GatewayMetrics
    private let parser: DeviceMessageParser
    private let writer: IngestWriter

    public init(writer: IngestWriter, configuration: Configuration = .init(), metrics: GatewayMetrics = .init()) {
        self.writer = writer
        self.configuration = configuration
        self.metrics = metrics
        self.parser = DeviceMessageParser(policy: configuration.policy)
    }

    /// Parses, validates and commits a message; returns once it is durable.
    public func ingest(
        _ body: Data, from device: Device, transportMessageID: String?, contentType: String?, receivedAt: Date
    ) async throws -> Result {
        switch parser.parse(
            body, deviceID: device.id, patientID: device.patientID, transportMessageID: transportMessageID,
            receivedAt: receivedAt)
        {
        case .unparseable(let rejection):
            try await quarantine(
                body, deviceID: device.id, patientID: device.patientID, messageID: transportMessageID,
                reason: rejection.code, contentType: contentType, receivedAt: receivedAt)
            return .unparseable(rejection)
        case .parsed(let message):
            let quarantined = message.rejected.map { rejected in
                QuarantineItem(
                    deviceID: device.id, patientID: device.patientID, messageID: message.messageID,
                    receivedAt: receivedAt, reason: rejected.rejection.reason.rawValue,
                    vitalType: rejected.rejection.type, payload: rejected.replayBody, contentType: "application/json")
            }
            let rejections = message.rejected.map(\.rejection)
            // A message with nothing to store is not remembered for deduplication,
            // so a corrected resend with the same id is not mistaken for a repeat.
            let storesReadings = !message.readings.isEmpty
            var events: [OutboxEvent] = []
            if !rejections.isEmpty {
                events.append(
                    DeviceWebhookEvents.quarantine(
                        deviceID: device.id, patientID: device.patientID, messageID: message.messageID,
                        refusals: rejections.map { ($0.reason.rawValue, $0.type) }, receivedAt: receivedAt))
            }
            if storesReadings && configuration.readingEvents {
                events.append(
                    DeviceWebhookEvents.readingsCreated(
                        deviceID: device.id, patientID: device.patientID, readings: message.readings,
                        receivedAt: receivedAt))
            }
            let outcome = try await writer.submit(
                IngestMessage(
                    deviceID: device.id, messageID: storesReadings ? message.messageID : nil, receivedAt: receivedAt,
                    readings: message.readings, quarantined: quarantined, events: events))
            if outcome == .duplicate { return .duplicate }
            for item in quarantined { metrics.quarantined(reason: item.reason) }
            return storesReadings ? .stored(accepted: message.readings.count, rejected: rejections) : .allRejected(rejections)
        }
    }

    /// Keeps a whole refused message (unreadable, too large, wrong type, from a disabled device).
    public func quarantine(
        _ body: Data, deviceID: DeviceID, patientID: PatientID?, messageID: String?, reason: String,
        contentType: String?, receivedAt: Date
    ) async throws {
        let item = QuarantineItem(
            deviceID: deviceID, patientID: patientID, messageID: messageID, receivedAt: receivedAt, reason: reason,
            payload: body.prefix(configuration.maximumMessageBytes), contentType: contentType)
        let event = DeviceWebhookEvents.quarantine(
            deviceID: deviceID, patientID: patientID, messageID: messageID, refusals: [(reason, nil)],
            receivedAt: receivedAt)
        _ = try await writer.submit(
            IngestMessage(
                deviceID: deviceID, messageID: nil, receivedAt: receivedAt, readings: [], quarantined: [item],
                events: [event]))
        metrics.quarantined(reason: reason)
    }
}
