import VigilCore
import VigilGateway
import VigilSecurity

/// The device side of Vigil as the web layer uses it: the key vault, the
/// telemetry endpoint, quarantine replay.
public struct DeviceServices: Sendable {
    /// Seals and opens device keys.
    public var vault: SecretVault
    /// The IoT Hub `HostName` put in connection strings.
    public var hostName: String
    /// The HTTPS telemetry endpoint, mounted on the TLS listener.
    public var telemetry: DeviceTelemetryRoutes
    public var replayer: QuarantineReplayer
    /// Called after a device or its keys change, to drop cached credentials.
    public var deviceChanged: @Sendable (DeviceID) async -> Void

    public init(
        vault: SecretVault, hostName: String, telemetry: DeviceTelemetryRoutes, replayer: QuarantineReplayer,
        deviceChanged: @escaping @Sendable (DeviceID) async -> Void
    ) {
        self.vault = vault
        self.hostName = hostName
        self.telemetry = telemetry
        self.replayer = replayer
        self.deviceChanged = deviceChanged
    }
}
