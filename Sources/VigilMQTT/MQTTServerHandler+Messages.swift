extension MQTTServerHandler {
    /// What the application must handle, read from the channel after ``MQTTServerHandler``.
    public enum Request: Hashable, Sendable {
        /// Authenticate this CONNECT; answer with ``Response/authenticationCompleted(_:sessionPresent:)``.
        case authenticate(MQTTConnect)
        /// Store this client message; at QoS 1 and 2 answer with
        /// ``Response/publishCommitted(_:)`` once it is durable.
        case deliver(MQTTPublish)
        /// Apply these subscriptions; answer with ``Response/subscribeCompleted(_:returnCodes:)``.
        case subscribe(MQTTSubscribe)
        /// Remove these subscriptions; answer with ``Response/unsubscribeCompleted(_:)``.
        case unsubscribe(MQTTUnsubscribe)
        /// The client acknowledged the server message with this identifier.
        case publishAcknowledged(MQTTPacketID)
        /// A ``Response/publish(_:)`` was not sent.
        case publishRefused(MQTTOutgoingPublish, MQTTConnectionStateMachine.PublishRefusal)
        /// Publish the client's will: the connection ended without DISCONNECT.
        case publishWill(MQTTWill)
        /// The handler is closing the connection, for this reason.
        case closing(MQTTConnectionStateMachine.CloseReason)
    }

    /// The application's answers and server → client messages, written to the channel.
    public enum Response: Hashable, Sendable {
        /// The decision on an ``Request/authenticate(_:)``.
        case authenticationCompleted(MQTTConnectReturnCode, sessionPresent: Bool)
        /// The client message with this identifier is durable; it may be acknowledged.
        case publishCommitted(MQTTPacketID)
        /// The decision on a ``Request/subscribe(_:)``, one code per filter.
        case subscribeCompleted(MQTTPacketID, returnCodes: [MQTTSubAckReturnCode])
        /// The subscriptions of an ``Request/unsubscribe(_:)`` are removed.
        case unsubscribeCompleted(MQTTPacketID)
        /// Publish this message to the client.
        case publish(MQTTOutgoingPublish)

        var event: MQTTConnectionStateMachine.Event {
            switch self {
            case .authenticationCompleted(let code, let sessionPresent):
                .authenticationCompleted(code, sessionPresent: sessionPresent)
            case .publishCommitted(let id): .publishCommitted(id)
            case .subscribeCompleted(let id, let codes): .subscribeCompleted(id, returnCodes: codes)
            case .unsubscribeCompleted(let id): .unsubscribeCompleted(id)
            case .publish(let message): .publish(message)
            }
        }
    }
}
