import Foundation
import VigilCore

/// Commits what devices sent: many devices' messages in one transaction
/// (group commit), with per-device message-id deduplication.
public protocol IngestStore: Sendable {
    /// Commits every message in one transaction and reports, per message in
    /// order, whether it was stored or was a duplicate of one stored before
    /// (same device, same message id), in which case nothing of it is stored again.
    func commit(_ messages: [IngestMessage]) async throws -> [IngestOutcome]

    /// Forgets message ids received before `date` (the deduplication window); returns how many.
    @discardableResult
    func forgetMessageIDs(receivedBefore date: Date) async throws -> Int
}

/// One device message, ready to commit: its accepted readings and the
/// readings it sent that were refused.
public struct IngestMessage: Sendable {
    public var deviceID: DeviceID
    /// The deduplication key; nil when the device sent none.
    public var messageID: String?
    public var receivedAt: Date
    public var readings: [Reading]
    public var quarantined: [QuarantineItem]
    /// When this message replays a quarantined item: that item's id. The item
    /// is marked replayed in the same transaction, and if it is no longer
    /// pending (replayed concurrently) nothing is stored and the outcome is `.duplicate`.
    public var replayOf: Int64?
    /// Webhook events written to the outbox in the same transaction, only if
    /// the message is stored (not when it is a duplicate).
    public var events: [OutboxEvent]

    public init(
        deviceID: DeviceID, messageID: String?, receivedAt: Date, readings: [Reading],
        quarantined: [QuarantineItem] = [], replayOf: Int64? = nil, events: [OutboxEvent] = []
    ) {
        self.deviceID = deviceID
        self.messageID = messageID
        self.receivedAt = receivedAt.truncatedToMilliseconds
        self.readings = readings
        self.quarantined = quarantined
        self.replayOf = replayOf
        self.events = events
    }
}

/// What happened to one committed message.
public enum IngestOutcome: Sendable, Hashable {
    case stored
    case duplicate
}
