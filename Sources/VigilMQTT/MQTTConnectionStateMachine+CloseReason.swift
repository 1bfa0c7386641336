extension MQTTConnectionStateMachine {
    /// Why the connection is closed.
    public enum CloseReason: Hashable, Sendable, CustomStringConvertible {
        /// The client sent DISCONNECT; the will is discarded.
        case clientDisconnected
        /// The CONNECT was refused with this CONNACK code.
        case connectionRefused(MQTTConnectReturnCode)
        /// The client sent malformed bytes.
        case protocolError(MQTTProtocolError)
        /// The first packet was not CONNECT.
        case firstPacketNotConnect(MQTTPacketType)
        /// A second CONNECT on the same connection.
        case duplicateConnect
        /// A packet a client may not send, or not at this point.
        case unexpectedPacket(MQTTPacketType)
        /// A QoS 2 PUBLISH while QoS 2 is not allowed.
        case qos2NotAllowed
        /// A PUBLISH reusing the identifier of one not yet acknowledged.
        case packetIdentifierInUse
        /// More packets before CONNACK than the configuration allows.
        case tooManyPacketsBeforeConnAck
        /// No CONNECT within the connect timeout.
        case connectTimeout
        /// Nothing received within 1.5 times the keep-alive interval.
        case keepAliveTimeout

        /// Whether the client ended the connection as the protocol intends.
        public var isClean: Bool { self == .clientDisconnected }

        /// A snake_case reason, with a code or packet type where there is one; never packet contents.
        public var description: String {
            switch self {
            case .clientDisconnected: "client_disconnected"
            case .connectionRefused(let code): "connection_refused(\(code))"
            case .protocolError(let error): "protocol_error(\(error))"
            case .firstPacketNotConnect(let type): "first_packet_not_connect(\(type))"
            case .duplicateConnect: "duplicate_connect"
            case .unexpectedPacket(let type): "unexpected_packet(\(type))"
            case .qos2NotAllowed: "qos2_not_allowed"
            case .packetIdentifierInUse: "packet_identifier_in_use"
            case .tooManyPacketsBeforeConnAck: "too_many_packets_before_connack"
            case .connectTimeout: "connect_timeout"
            case .keepAliveTimeout: "keep_alive_timeout"
            }
        }
    }
}
