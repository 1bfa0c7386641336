/// A SUBSCRIBE packet: one or more topic filters with requested QoS.
public struct MQTTSubscribe: Hashable, Sendable {
    /// The identifier SUBACK must echo.
    public var packetID: MQTTPacketID
    /// The requested subscriptions, never empty on the wire.
    public var subscriptions: [MQTTSubscription]

    /// Creates a SUBSCRIBE packet.
    public init(packetID: MQTTPacketID, subscriptions: [MQTTSubscription]) {
        self.packetID = packetID
        self.subscriptions = subscriptions
    }
}
