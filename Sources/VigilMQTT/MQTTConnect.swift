import NIOCore

/// A CONNECT packet: the first packet a client sends.
///
/// The wire flags are derived from the fields: the will flag, will QoS and
/// will retain from ``will``, the user-name flag from ``username`` and the
/// password flag from ``password``. A password without a user name is
/// malformed in MQTT 3.1.1 and the codec refuses it.
public struct MQTTConnect: Hashable, Sendable {
    /// The protocol name; MQTT 3.1.1 requires `"MQTT"`.
    public var protocolName: String
    /// The protocol level; MQTT 3.1.1 is level 4.
    public var protocolLevel: UInt8
    /// Whether the server must discard any previous session state.
    public var cleanSession: Bool
    /// The keep-alive interval in seconds; 0 disables keep-alive.
    public var keepAlive: UInt16
    /// The client identifier; may be empty only with ``cleanSession``.
    public var clientID: String
    /// The last-will message, if any.
    public var will: MQTTWill?
    /// The user name, if any.
    public var username: String?
    /// The password, opaque bytes, if any.
    public var password: ByteBuffer?

    /// The protocol name MQTT 3.1.1 requires.
    public static let protocolName = "MQTT"
    /// The protocol level of MQTT 3.1.1.
    public static let protocolLevel: UInt8 = 4

    /// Creates a CONNECT packet; protocol name and level default to MQTT 3.1.1.
    public init(
        protocolName: String = MQTTConnect.protocolName,
        protocolLevel: UInt8 = MQTTConnect.protocolLevel,
        cleanSession: Bool = true,
        keepAlive: UInt16 = 0,
        clientID: String,
        will: MQTTWill? = nil,
        username: String? = nil,
        password: ByteBuffer? = nil
    ) {
        self.protocolName = protocolName
        self.protocolLevel = protocolLevel
        self.cleanSession = cleanSession
        self.keepAlive = keepAlive
        self.clientID = clientID
        self.will = will
        self.username = username
        self.password = password
    }
}
