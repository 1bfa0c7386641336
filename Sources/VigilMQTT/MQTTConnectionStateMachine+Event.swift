import NIOCore

extension MQTTConnectionStateMachine {
    /// Something that happened to the connection: from the network, a timer or the application.
    public enum Event: Hashable, Sendable {
        /// The network connection is up; starts the CONNECT timeout.
        case channelActive(now: NIODeadline)
        /// The decoder produced a packet.
        case received(MQTTPacket, now: NIODeadline)
        /// The decoder refused the input.
        case protocolError(MQTTProtocolError)
        /// A timer asked for by ``Action/scheduleTimer(at:)`` went off.
        case timerFired(now: NIODeadline)
        /// The application decided on the CONNECT it was asked to authenticate:
        /// ``MQTTConnectReturnCode/accepted`` or the refusal to send.
        case authenticationCompleted(MQTTConnectReturnCode, sessionPresent: Bool)
        /// The application has durably committed the client PUBLISH (QoS 1 or
        /// 2) with this identifier, so it may be acknowledged.
        case publishCommitted(MQTTPacketID)
        /// The application decided on a SUBSCRIBE; one code per filter, in order.
        case subscribeCompleted(MQTTPacketID, returnCodes: [MQTTSubAckReturnCode])
        /// The application has removed the subscriptions of an UNSUBSCRIBE.
        case unsubscribeCompleted(MQTTPacketID)
        /// The application wants a message published to the client.
        case publish(MQTTOutgoingPublish)
        /// The network connection has gone, for whatever reason.
        case channelClosed
    }
}
