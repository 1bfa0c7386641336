import Foundation
import VigilCore
import VigilStore

/// Sends cloud-to-device messages: queued durably, then handed to the
/// device's connection if it is connected to this node. A device connected
/// elsewhere, or not at all, gets it when it next connects.
public struct CloudMessageQueue: Sendable {
    /// Limits of the device queues.
    public struct Configuration: Sendable {
        /// Most unexpired messages queued per device (IoT Hub's limit). Default 50.
        public var maximumQueuedPerDevice: Int
        /// How long a message is kept when no lifetime is given (IoT Hub's default). Default 1 hour.
        public var defaultLifetime: Duration
        /// The longest lifetime a message may ask for (IoT Hub's limit). Default 48 hours.
        public var maximumLifetime: Duration

        /// A configuration; every parameter defaults as documented on its property.
        public init(
            maximumQueuedPerDevice: Int = 50, defaultLifetime: Duration = .seconds(3600),
            maximumLifetime: Duration = .seconds(48 * 3600)
        ) {
            self.maximumQueuedPerDevice = maximumQueuedPerDevice
            self.defaultLifetime = defaultLifetime
            self.maximumLifetime = maximumLifetime
        }
    }

    /// The queue limits in force.
    public let configuration: Configuration
    private let store: any CloudMessageStore
    private let registry: DeviceConnectionRegistry

    /// A queue over `store` that wakes the device's connection in `registry`.
    public init(
        store: any CloudMessageStore, registry: DeviceConnectionRegistry, configuration: Configuration = .init()
    ) {
        self.store = store
        self.registry = registry
        self.configuration = configuration
    }

    /// Queues a message for a device and starts its delivery.
    ///
    /// - Parameters:
    ///   - lifetime: how long to keep it undelivered; the default when nil,
    ///     at most ``Configuration/maximumLifetime``.
    /// - Returns: the queued message, or nil when the device's queue is full.
    public func send(
        _ payload: Data, to device: DeviceID, properties: [String: String], contentType: String?, lifetime: Duration?,
        now: Date
    ) async throws -> CloudMessage? {
        let keep = min(lifetime ?? configuration.defaultLifetime, configuration.maximumLifetime)
        let seconds = Double(keep.components.seconds) + Double(keep.components.attoseconds) / 1e18
        let message = CloudMessage(
            deviceID: device, messageID: UUID().uuidString.lowercased(), payload: payload, properties: properties,
            contentType: contentType, enqueuedAt: now, expiresAt: now.addingTimeInterval(seconds))
        // Expired messages are never delivered; clearing them here keeps the
        // queues of devices that stay away from growing.
        try await store.removeExpired(before: now)
        guard let queued = try await store.enqueue(message, limit: configuration.maximumQueuedPerDevice) else {
            return nil
        }
        await registry.cloudMessageQueued(for: device)
        return queued
    }
}
