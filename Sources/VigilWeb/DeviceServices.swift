import VigilCore
import VigilGateway
import VigilSecurity

/// The device side of Vigil as the web layer uses it: the key vault, the
/// telemetry endpoint, quarantine replay, twins, direct methods and
/// cloud-to-device messages.
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
    /// Device twins (desired and reported properties).
    public var twins: DeviceTwins
    /// The devices connected to this node over MQTT (direct methods, desired pushes).
    public var connections: DeviceConnectionRegistry
    /// Cloud-to-device message queues.
    public var cloudMessages: CloudMessageQueue

    public init(
        vault: SecretVault, hostName: String, telemetry: DeviceTelemetryRoutes, replayer: QuarantineReplayer,
        twins: DeviceTwins, connections: DeviceConnectionRegistry, cloudMessages: CloudMessageQueue,
        deviceChanged: @escaping @Sendable (DeviceID) async -> Void
    ) {
        self.vault = vault
        self.hostName = hostName
        self.telemetry = telemetry
        self.replayer = replayer
        self.twins = twins
        self.connections = connections
        self.cloudMessages = cloudMessages
        self.deviceChanged = deviceChanged
    }
}
