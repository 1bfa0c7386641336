import VigilMQTT

/// Why a CONNECT was refused: the CONNACK code to answer with and a stable
/// reason safe to log and audit (identifiers only, never the password).
public struct IoTHubConnectRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// The CONNACK return code.
    public var returnCode: MQTTConnectReturnCode
    /// A stable snake_case reason, such as `host_mismatch` or `bad_signature`.
    public var reason: String

    /// A refusal with a return code and a reason.
    public init(_ returnCode: MQTTConnectReturnCode, reason: String) {
        self.returnCode = returnCode
        self.reason = reason
    }

    /// `reason (connack code)`.
    public var description: String { "\(reason) (\(returnCode))" }
}
