/// The fourteen MQTT 3.1.1 control packet types, numbered as in the fixed header.
///
/// Types 0 and 15 are reserved by the standard and have no case here; a
/// decoder that meets them reports ``MQTTProtocolError/Code/reservedPacketType``.
public enum MQTTPacketType: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Client request to connect to a server.
    case connect = 1
    /// Connect acknowledgement.
    case connack = 2
    /// Publish message.
    case publish = 3
    /// Publish acknowledgement (QoS 1).
    case puback = 4
    /// Publish received (QoS 2, part 1).
    case pubrec = 5
    /// Publish release (QoS 2, part 2).
    case pubrel = 6
    /// Publish complete (QoS 2, part 3).
    case pubcomp = 7
    /// Client subscribe request.
    case subscribe = 8
    /// Subscribe acknowledgement.
    case suback = 9
    /// Client unsubscribe request.
    case unsubscribe = 10
    /// Unsubscribe acknowledgement.
    case unsuback = 11
    /// Ping request.
    case pingreq = 12
    /// Ping response.
    case pingresp = 13
    /// Client is disconnecting cleanly.
    case disconnect = 14

    /// The fixed-header flag nibble the standard requires for this type, or
    /// `nil` for PUBLISH, whose flags carry DUP, QoS and RETAIN.
    var requiredFlags: UInt8? {
        switch self {
        case .publish: nil
        case .pubrel, .subscribe, .unsubscribe: 0b0010
        default: 0
        }
    }

    /// The packet's name as the standard spells it, such as `PUBLISH`.
    public var description: String {
        switch self {
        case .connect: "CONNECT"
        case .connack: "CONNACK"
        case .publish: "PUBLISH"
        case .puback: "PUBACK"
        case .pubrec: "PUBREC"
        case .pubrel: "PUBREL"
        case .pubcomp: "PUBCOMP"
        case .subscribe: "SUBSCRIBE"
        case .suback: "SUBACK"
        case .unsubscribe: "UNSUBSCRIBE"
        case .unsuback: "UNSUBACK"
        case .pingreq: "PINGREQ"
        case .pingresp: "PINGRESP"
        case .disconnect: "DISCONNECT"
        }
    }
}
