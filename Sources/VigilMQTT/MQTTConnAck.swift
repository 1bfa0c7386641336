/// A CONNACK packet: the server's answer to CONNECT.
public struct MQTTConnAck: Hashable, Sendable {
    /// Whether the server resumed a stored session (always `false` unless accepted).
    public var sessionPresent: Bool
    /// Whether the connection was accepted, and if not, why.
    public var returnCode: MQTTConnectReturnCode

    /// Creates a CONNACK packet.
    public init(sessionPresent: Bool = false, returnCode: MQTTConnectReturnCode) {
        self.sessionPresent = sessionPresent
        self.returnCode = returnCode
    }
}
