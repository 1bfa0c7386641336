/// One entry of a SUBSCRIBE packet: a topic filter and the QoS the client asks for.
public struct MQTTSubscription: Hashable, Sendable {
    /// The topic filter, which may contain the wildcards `+` and `#`.
    public var topicFilter: String
    /// The maximum QoS the client asks to receive messages with.
    public var qos: MQTTQoS

    /// Creates a subscription entry.
    public init(topicFilter: String, qos: MQTTQoS) {
        self.topicFilter = topicFilter
        self.qos = qos
    }
}
