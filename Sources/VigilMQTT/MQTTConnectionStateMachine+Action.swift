import NIOCore

extension MQTTConnectionStateMachine {
    /// Something the connection's owner must do, in the order given.
    public enum Action: Hashable, Sendable {
        /// Write this packet to the client.
        case send(MQTTPacket)
        /// Decide whether to accept this CONNECT, then report
        /// ``Event/authenticationCompleted(_:sessionPresent:)``.
        case authenticate(MQTTConnect)
        /// Hand this client PUBLISH to the application. At QoS 1 and 2, report
        /// ``Event/publishCommitted(_:)`` once it is durable: only then is it
        /// acknowledged.
        case deliver(MQTTPublish)
        /// Apply these subscriptions (their QoS already lowered to what may be
        /// granted), then report ``Event/subscribeCompleted(_:returnCodes:)``.
        case subscribe(MQTTSubscribe)
        /// Remove these subscriptions, then report ``Event/unsubscribeCompleted(_:)``.
        case unsubscribe(MQTTUnsubscribe)
        /// The client acknowledged (PUBACK, or PUBCOMP at QoS 2) the server
        /// message with this identifier.
        case publishAcknowledged(MQTTPacketID)
        /// A ``Event/publish(_:)`` request was not sent.
        case publishRefused(MQTTOutgoingPublish, PublishRefusal)
        /// Publish the client's last will: the connection ended without DISCONNECT.
        case publishWill(MQTTWill)
        /// Report ``Event/timerFired(now:)`` at this time, replacing any earlier timer.
        case scheduleTimer(at: NIODeadline)
        /// Close the network connection (after writing any packets sent before this action).
        case close(CloseReason)
    }

    /// Why an outgoing message was not sent.
    public enum PublishRefusal: Hashable, Sendable {
        /// The connection is not (or no longer) accepted.
        case notConnected
        /// ``Configuration/maximumInFlightPublishes`` messages already await acknowledgement.
        case noPacketIdentifierAvailable
        /// The re-delivery identifier belongs to a message already in flight.
        case packetIdentifierInUse
        /// The topic is empty or has wildcards.
        case invalidTopicName
    }
}
