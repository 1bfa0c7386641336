import Logging
import NIOSSL
import VigilGateway
import VigilSecurity

extension VigilAssembly {
    /// The MQTT listeners: TLS on ``VigilConfiguration/mqttPort`` and, when
    /// configured, plain MQTT on ``VigilConfiguration/mqttPlainPort``.
    ///
    /// - Parameter onRunning: called with whether the listener uses TLS and its bound port.
    public func mqttServers(
        credentials: TLSCredentials,
        onRunning: @escaping @Sendable (_ tls: Bool, _ port: Int) async -> Void = { _, _ in }
    ) throws -> [IoTHubMQTTServer] {
        let context = try NIOSSLContext(configuration: Self.tlsConfiguration(credentials))
        var servers = [
            IoTHubMQTTServer(
                configuration: .init(host: configuration.httpHost, port: configuration.mqttPort, tls: context),
                gateway: gateway, logger: logger, onRunning: { await onRunning(true, $0) })
        ]
        if let plainPort = configuration.mqttPlainPort {
            servers.append(
                IoTHubMQTTServer(
                    configuration: .init(host: configuration.httpHost, port: plainPort, tls: nil),
                    gateway: gateway, logger: logger, onRunning: { await onRunning(false, $0) }))
        }
        return servers
    }
}
