import Foundation
import VigilCore
import VigilMonitoring
import VigilStore

/// Replays a quarantined device message or reading once its cause is fixed
/// (for example, its device re-enabled): it runs through the same checks as
/// when it arrived, judged against its original receive time.
public struct QuarantineReplayer: Sendable {
    /// What a replay did.
    public enum Result: Sendable, Equatable {
        /// Stored this many readings; the item is marked replayed.
        case replayed(readings: Int)
        /// Still refused, for these reasons; the item stays pending.
        case stillRefused([String])
    }

    private let store: any Store
    private let writer: IngestWriter
    private let parser: DeviceMessageParser

    public init(store: any Store, writer: IngestWriter, policy: DeviceMessageParser.Policy = .init()) {
        self.store = store
        self.writer = writer
        self.parser = DeviceMessageParser(policy: policy)
    }

    /// Replays a pending item; throws `VigilError` 404 if absent, 409 if not pending.
    public func replay(_ id: Int64) async throws -> Result {
        guard let item = try await store.quarantine.item(id) else { throw VigilError.notFound("quarantined item") }
        guard item.state == .pending else {
            throw VigilError(.conflict, code: "not_pending", message: "The item was already \(item.state.rawValue).")
        }
        guard let deviceID = item.deviceID, let device = try await store.devices.device(deviceID) else {
            return .stillRefused(["unknown_device"])
        }
        guard !device.isDisabled else { return .stillRefused(["device_disabled"]) }
        guard item.contentType.map(Self.isJSON) ?? false else { return .stillRefused(["unsupported_media_type"]) }
        guard item.payload.count <= DeviceIngestor.Configuration().maximumMessageBytes, item.reason != "payload_too_large"
        else { return .stillRefused(["payload_too_large"]) }
        switch parser.parse(
            item.payload, deviceID: deviceID, patientID: item.patientID ?? device.patientID,
            transportMessageID: item.messageID, receivedAt: item.receivedAt)
        {
        case .unparseable(let rejection):
            return .stillRefused([rejection.code])
        case .parsed(let message):
            guard message.rejected.isEmpty, !message.readings.isEmpty else {
                return .stillRefused(message.rejected.map(\.rejection.reason.rawValue))
            }
            let outcome = try await writer.submit(
                IngestMessage(
                    deviceID: deviceID, messageID: nil, receivedAt: item.receivedAt, readings: message.readings,
                    replayOf: item.id))
            guard outcome == .stored else {
                throw VigilError(.conflict, code: "not_pending", message: "The item was replayed concurrently.")
            }
            return .replayed(readings: message.readings.count)
        }
    }

    /// `application/json` or a `+json` type, with or without parameters.
    static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }
}
