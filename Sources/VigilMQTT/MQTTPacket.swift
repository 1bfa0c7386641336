/// An MQTT 3.1.1 control packet, one case per packet type.
///
/// Values of this type are what ``MQTTDecoder`` produces and ``MQTTEncoder``
/// consumes. Acknowledgements that carry only a packet identifier hold it
/// directly; the others hold a struct with their fields.
public enum MQTTPacket: Hashable, Sendable {
    /// CONNECT (client → server).
    case connect(MQTTConnect)
    /// CONNACK (server → client).
    case connack(MQTTConnAck)
    /// PUBLISH (either direction).
    case publish(MQTTPublish)
    /// PUBACK: QoS 1 acknowledgement.
    case puback(MQTTPacketID)
    /// PUBREC: QoS 2 received.
    case pubrec(MQTTPacketID)
    /// PUBREL: QoS 2 release.
    case pubrel(MQTTPacketID)
    /// PUBCOMP: QoS 2 complete.
    case pubcomp(MQTTPacketID)
    /// SUBSCRIBE (client → server).
    case subscribe(MQTTSubscribe)
    /// SUBACK (server → client).
    case suback(MQTTSubAck)
    /// UNSUBSCRIBE (client → server).
    case unsubscribe(MQTTUnsubscribe)
    /// UNSUBACK (server → client).
    case unsuback(MQTTPacketID)
    /// PINGREQ (client → server).
    case pingreq
    /// PINGRESP (server → client).
    case pingresp
    /// DISCONNECT (client → server).
    case disconnect

    /// The control packet type of this packet.
    public var type: MQTTPacketType {
        switch self {
        case .connect: .connect
        case .connack: .connack
        case .publish: .publish
        case .puback: .puback
        case .pubrec: .pubrec
        case .pubrel: .pubrel
        case .pubcomp: .pubcomp
        case .subscribe: .subscribe
        case .suback: .suback
        case .unsubscribe: .unsubscribe
        case .unsuback: .unsuback
        case .pingreq: .pingreq
        case .pingresp: .pingresp
        case .disconnect: .disconnect
        }
    }
}
