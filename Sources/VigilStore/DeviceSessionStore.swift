import Foundation
import VigilCore

/// Keeps the persistent MQTT session of each device that connects with
/// `clean_session = 0`: its subscriptions, so they outlive the connection
/// and a server restart.
public protocol DeviceSessionStore: Sendable {
    /// The stored session of a device, if it has one.
    func session(of device: DeviceID) async throws -> DeviceSession?

    /// Stores a session, replacing any earlier one.
    ///
    /// - Throws: `StoreError.notFound` (entity `device`) if the device does not exist.
    func save(_ session: DeviceSession) async throws

    /// Forgets a device's session; does nothing if it has none.
    func removeSession(of device: DeviceID) async throws
}

/// A device's persistent session.
public struct DeviceSession: Sendable, Hashable {
    /// One subscription: a topic filter and the QoS granted.
    public struct Subscription: Sendable, Hashable, Codable {
        /// The topic filter as the device sent it.
        public var topicFilter: String
        /// The granted QoS, 0 or 1.
        public var qos: Int

        /// A subscription to `topicFilter` granted at `qos`.
        public init(topicFilter: String, qos: Int) {
            self.topicFilter = topicFilter
            self.qos = qos
        }
    }

    /// The device whose session this is.
    public var deviceID: DeviceID
    /// The subscriptions, sorted by topic filter.
    public var subscriptions: [Subscription]
    /// When the session was last stored.
    public var updatedAt: Date

    /// A session; subscriptions are kept sorted by topic filter.
    public init(deviceID: DeviceID, subscriptions: [Subscription], updatedAt: Date) {
        self.deviceID = deviceID
        self.subscriptions = subscriptions.sorted { $0.topicFilter < $1.topicFilter }
        self.updatedAt = updatedAt.truncatedToMilliseconds
    }
}
