import NIOCore

/// The last-will message of a CONNECT: what the server publishes on the
/// client's behalf if the connection ends without a DISCONNECT.
public struct MQTTWill: Hashable, Sendable {
    /// The topic name to publish on (no wildcards).
    public var topic: String
    /// The message body, opaque bytes.
    public var message: ByteBuffer
    /// The QoS to publish the will with.
    public var qos: MQTTQoS
    /// Whether the will is to be retained.
    public var retain: Bool

    /// Creates a will.
    public init(topic: String, message: ByteBuffer, qos: MQTTQoS = .atMostOnce, retain: Bool = false) {
        self.topic = topic
        self.message = message
        self.qos = qos
        self.retain = retain
    }
}
