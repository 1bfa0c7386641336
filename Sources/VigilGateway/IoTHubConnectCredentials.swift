import VigilCore
import VigilMQTT

/// What an IoT Hub CONNECT claims: which device it is and the SAS token to
/// check, read and checked for shape (not yet for the signature).
///
/// - client id: `{deviceId}`, or `{deviceId}/{moduleId}` for a module;
/// - user name: `{hostName}/{clientId}/?api-version=…&…` (any api-version; the
///   host must be the configured one, compared ignoring case);
/// - password: the SAS token text.
public struct IoTHubConnectCredentials: Hashable, Sendable {
    /// The device.
    public var deviceID: DeviceID
    /// The module, for a module identity.
    public var moduleID: String?
    /// The SAS token the password holds.
    public var token: String

    /// Reads a CONNECT's credentials for a hub named `hostName`.
    ///
    /// - Throws: a refusal with CONNACK 2 for an unusable client id, 4 for a
    ///   user name that does not name this hub and client, or a missing password.
    public init(connect: MQTTConnect, hostName: String) throws(IoTHubConnectRefusal) {
        let clientID = connect.clientID
        let parts = clientID.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 128 }) else {
            throw IoTHubConnectRefusal(.identifierRejected, reason: "invalid_client_id")
        }
        guard let username = connect.username else {
            throw IoTHubConnectRefusal(.badUsernameOrPassword, reason: "missing_username")
        }
        guard let path = Self.identityPath(of: username) else {
            throw IoTHubConnectRefusal(.badUsernameOrPassword, reason: "invalid_username")
        }
        let hostPrefix = hostName.lowercased() + "/"
        guard path.lowercased().hasPrefix(hostPrefix) else {
            throw IoTHubConnectRefusal(.badUsernameOrPassword, reason: "host_mismatch")
        }
        guard path.dropFirst(hostPrefix.count).utf8.elementsEqual(clientID.utf8) else {
            throw IoTHubConnectRefusal(.badUsernameOrPassword, reason: "client_id_mismatch")
        }
        guard var password = connect.password, password.readableBytes > 0,
            let token = password.readString(length: password.readableBytes)
        else { throw IoTHubConnectRefusal(.badUsernameOrPassword, reason: "missing_token") }
        deviceID = DeviceID(String(parts[0]))
        moduleID = parts.count == 2 ? String(parts[1]) : nil
        self.token = token
    }

    /// `{host}/{clientId}` from `{host}/{clientId}/?{query}`; also takes the
    /// older `{host}/{clientId}/api-version=…` and a bare `{host}/{clientId}`.
    private static func identityPath(of username: String) -> Substring? {
        var path = Substring(username)
        if let question = path.firstIndex(of: "?") {
            path = path[..<question]
        } else if let range = path.range(of: "/api-version=") {
            path = path[..<range.lowerBound]
        }
        if path.hasSuffix("/") { path = path.dropLast() }
        return path.isEmpty ? nil : path
    }
}
