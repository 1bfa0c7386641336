import Foundation
import VigilCore

/// Queues cloud-to-device messages per device until the device acknowledges
/// them: a message is removed only after delivery, so it survives device
/// reconnects and server restarts.
public protocol CloudMessageStore: Sendable {
    /// Queues a message unless the device already has `limit` unexpired
    /// messages queued at the message's `enqueuedAt`.
    ///
    /// - Returns: the message with its id, or nil when the queue is full.
    /// - Throws: `StoreError.notFound` (entity `device`) if the device does not exist.
    func enqueue(_ message: CloudMessage, limit: Int) async throws -> CloudMessage?

    /// A device's messages still unexpired at `now`, oldest first, at most `limit`.
    func pending(for device: DeviceID, at now: Date, limit: Int) async throws -> [CloudMessage]

    /// Removes a delivered message; does nothing if it is already gone.
    func remove(_ id: Int64) async throws

    /// Removes messages that expired before `date`; returns how many.
    @discardableResult
    func removeExpired(before date: Date) async throws -> Int
}

/// One cloud-to-device message.
public struct CloudMessage: Sendable, Hashable {
    /// Assigned by the store, increasing; 0 before it is stored.
    public var id: Int64
    /// The device the message is for.
    public var deviceID: DeviceID
    /// The message id the device sees (`$.mid`).
    public var messageID: String
    /// The body, opaque bytes.
    public var payload: Data
    /// Application properties, sent in the topic's property bag.
    public var properties: [String: String]
    /// The body's media type (`$.ct`), if given.
    public var contentType: String?
    /// When the message was queued.
    public var enqueuedAt: Date
    /// After this time the message is no longer delivered.
    public var expiresAt: Date

    /// A message; `id` is assigned when it is queued.
    public init(
        id: Int64 = 0, deviceID: DeviceID, messageID: String, payload: Data, properties: [String: String] = [:],
        contentType: String? = nil, enqueuedAt: Date, expiresAt: Date
    ) {
        self.id = id
        self.deviceID = deviceID
        self.messageID = messageID
        self.payload = payload
        self.properties = properties
        self.contentType = contentType
        self.enqueuedAt = enqueuedAt.truncatedToMilliseconds
        self.expiresAt = expiresAt.truncatedToMilliseconds
    }
}
