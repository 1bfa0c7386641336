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

    public init(deviceID: DeviceID, messageID: String?, receivedAt: Date, readings: [Reading], quarantined: [QuarantineItem]) {
        self.deviceID = deviceID
        self.messageID = messageID
        self.receivedAt = receivedAt.truncatedToMilliseconds
        self.readings = readings
        self.quarantined = quarantined
    }
}

/// What happened to one committed message.
public enum IngestOutcome: Sendable, Hashable {
    case stored
    case duplicate
}
