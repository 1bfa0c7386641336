import NIOCore

/// A PUBLISH packet: an application message, in either direction.
///
/// ``packetID`` is present exactly when ``qos`` is above 0; the codec rejects
/// a packet that breaks this rule, or that sets ``dup`` at QoS 0.
public struct MQTTPublish: Hashable, Sendable {
    /// Whether this is a re-delivery of an earlier attempt.
    public var dup: Bool
    /// The quality of service of this delivery.
    public var qos: MQTTQoS
    /// Whether the server should retain the message for future subscribers.
    public var retain: Bool
    /// The topic name (no wildcards, not empty).
    public var topic: String
    /// The packet identifier; present exactly when ``qos`` is above 0.
    public var packetID: MQTTPacketID?
    /// The application message, opaque bytes.
    public var payload: ByteBuffer

    /// Creates a PUBLISH packet.
    public init(
        dup: Bool = false,
        qos: MQTTQoS = .atMostOnce,
        retain: Bool = false,
        topic: String,
        packetID: MQTTPacketID? = nil,
        payload: ByteBuffer
    ) {
        self.dup = dup
        self.qos = qos
        self.retain = retain
        self.topic = topic
        self.packetID = packetID
        self.payload = payload
    }
}
