/// The return code of a CONNACK packet.
public enum MQTTConnectReturnCode: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// 0x00: connection accepted.
    case accepted = 0
    /// 0x01: the server does not support the protocol level (or name) the client asked for.
    case unacceptableProtocolVersion = 1
    /// 0x02: the client identifier is well-formed UTF-8 but not allowed.
    case identifierRejected = 2
    /// 0x03: the MQTT service is unavailable.
    case serverUnavailable = 3
    /// 0x04: the user name or password is malformed or wrong.
    case badUsernameOrPassword = 4
    /// 0x05: the client is not authorized to connect.
    case notAuthorized = 5

    /// A short name, such as `not_authorized`.
    public var description: String {
        switch self {
        case .accepted: "accepted"
        case .unacceptableProtocolVersion: "unacceptable_protocol_version"
        case .identifierRejected: "identifier_rejected"
        case .serverUnavailable: "server_unavailable"
        case .badUsernameOrPassword: "bad_username_or_password"
        case .notAuthorized: "not_authorized"
        }
    }
}
