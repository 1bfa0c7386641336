import NIOCore

/// A message the application asks to publish to the client (server → client).
///
/// The state machine assigns the packet identifier for QoS 1 and 2. To
/// re-send a message still unacknowledged from an earlier connection of a
/// persistent session, give its original identifier in
/// ``redeliveryPacketID``; it then goes out with DUP set. Keeping such
/// messages across connections is the application's concern. To pair the
/// client's acknowledgement with a message of its own, the application may
/// choose the identifier of a new message in ``packetID``.
public struct MQTTOutgoingPublish: Hashable, Sendable {
    /// The topic name (no wildcards, not empty).
    public var topic: String
    /// The application message.
    public var payload: ByteBuffer
    /// The QoS to deliver with; QoS 2 is lowered to 1 unless QoS 2 is allowed.
    public var qos: MQTTQoS
    /// Whether to set RETAIN.
    public var retain: Bool
    /// The identifier of an earlier, unacknowledged attempt, if this is a re-delivery.
    public var redeliveryPacketID: MQTTPacketID?
    /// The identifier to send a new QoS 1 or 2 message with (DUP not set), or
    /// nil to let the state machine allocate one. Ignored when
    /// ``redeliveryPacketID`` is set. A choice already in flight is refused
    /// with ``MQTTConnectionStateMachine/PublishRefusal/packetIdentifierInUse``.
    public var packetID: MQTTPacketID?

    /// Creates an outgoing message.
    public init(
        topic: String,
        payload: ByteBuffer,
        qos: MQTTQoS = .atLeastOnce,
        retain: Bool = false,
        redeliveryPacketID: MQTTPacketID? = nil,
        packetID: MQTTPacketID? = nil
    ) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.redeliveryPacketID = redeliveryPacketID
        self.packetID = packetID
    }
}
