import NIOCore

extension MQTTConnectionStateMachine {
    /// How a connection behaves where MQTT 3.1.1 leaves the server a choice.
    public struct Configuration: Hashable, Sendable {
        /// Whether QoS 2 is served. When `false` (the default, as Azure IoT
        /// Hub), a QoS 2 PUBLISH from the client closes the connection,
        /// subscriptions are granted at most QoS 1, and outgoing QoS 2
        /// messages go out at QoS 1.
        public var allowQoS2: Bool
        /// The highest QoS granted to a subscription; requests above it are
        /// lowered to it. Default QoS 1. Never above QoS 1 unless ``allowQoS2``.
        public var maximumSubscriptionQoS: MQTTQoS
        /// How long a new connection may take to send CONNECT. Default 10 s.
        public var connectTimeout: TimeAmount
        /// How many packets a client may send after CONNECT before the
        /// application has answered the authentication; they are queued and
        /// handled after an accepting CONNACK (discarded after a refusal). One
        /// more closes the connection. Default 64.
        public var maximumQueuedPacketsBeforeConnAck: Int
        /// How many server → client QoS 1 or 2 messages may await
        /// acknowledgement at once; at most 65,535 (every packet identifier).
        /// Default 65,535.
        public var maximumInFlightPublishes: Int

        /// Creates a configuration; every parameter defaults as documented on its property.
        public init(
            allowQoS2: Bool = false,
            maximumSubscriptionQoS: MQTTQoS = .atLeastOnce,
            connectTimeout: TimeAmount = .seconds(10),
            maximumQueuedPacketsBeforeConnAck: Int = 64,
            maximumInFlightPublishes: Int = 65_535
        ) {
            self.allowQoS2 = allowQoS2
            self.maximumSubscriptionQoS = maximumSubscriptionQoS
            self.connectTimeout = connectTimeout
            self.maximumQueuedPacketsBeforeConnAck = maximumQueuedPacketsBeforeConnAck
            self.maximumInFlightPublishes = maximumInFlightPublishes
        }

        /// The highest QoS this configuration serves in either direction.
        var effectiveMaximumQoS: MQTTQoS {
            allowQoS2 ? maximumSubscriptionQoS : min(maximumSubscriptionQoS, .atLeastOnce)
        }
    }
}
