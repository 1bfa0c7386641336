import Logging
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle
import VigilMQTT

/// An MQTT 3.1.1 listener speaking IoT Hub's device protocol: TLS (as IoT
/// Hub, on port 8883) or, for development only, plain TCP.
///
/// On graceful shutdown it stops accepting, then drains every device
/// connection: messages already received are committed and acknowledged
/// before the connection closes. Run it before (so it stops before) the
/// ingest writer.
public final class IoTHubMQTTServer: Service, Sendable {
    /// Where and how the listener listens.
    public struct Configuration: Sendable {
        /// The address to bind. Default `0.0.0.0`.
        public var host: String
        /// The port; 0 picks a free one. Default 8883.
        public var port: Int
        /// The TLS context of a TLS listener; nil serves plain MQTT (development only). Default nil.
        public var tls: NIOSSLContext?
        /// MQTT choices: QoS 2 is refused as on IoT Hub. Default as `MQTTConnectionStateMachine.Configuration()`.
        public var mqtt: MQTTConnectionStateMachine.Configuration
        /// The largest packet accepted (IoT Hub's 256 KiB message plus headers).
        /// Default `MQTTDecoder.defaultMaximumPacketSize`.
        public var maximumPacketSize: Int

        /// A configuration; every parameter defaults as documented on its property.
        public init(
            host: String = "0.0.0.0", port: Int = 8883, tls: NIOSSLContext? = nil,
            mqtt: MQTTConnectionStateMachine.Configuration = .init(),
            maximumPacketSize: Int = MQTTDecoder.defaultMaximumPacketSize
        ) {
            self.host = host
            self.port = port
            self.tls = tls
            self.mqtt = mqtt
            self.maximumPacketSize = maximumPacketSize
        }
    }

    private let configuration: Configuration
    private let gateway: IoTHubGateway
    private let logger: Logger
    private let onRunning: @Sendable (Int) async -> Void

    /// A listener serving `gateway` on every accepted connection.
    ///
    /// - Parameter onRunning: called with the bound port once listening.
    public init(
        configuration: Configuration, gateway: IoTHubGateway, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.gateway = gateway
        self.logger = logger
        self.onRunning = onRunning
    }

    /// Listens until graceful shutdown, then drains the connections and returns.
    public func run() async throws {
        let configuration = configuration
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls = configuration.tls {
                        try pipeline.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try pipeline.addHandlers(
                        ByteToMessageHandler(MQTTDecoder(maximumPacketSize: configuration.maximumPacketSize)),
                        MessageToByteHandler(MQTTEncoder()),
                        MQTTServerHandler(configuration: configuration.mqtt))
                    return try NIOAsyncChannel<MQTTServerHandler.Request, MQTTServerHandler.Response>(
                        wrappingChannelSynchronously: channel)
                }
            }
        await onRunning(server.channel.localAddress?.port ?? configuration.port)
        let gateway = gateway
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { await gateway.serve(connection) }
                    }
                }
            }
        } onGracefulShutdown: { [logger] in
            logger.notice(
                "MQTT listener stopping; draining device connections", metadata: ["mqtt.port": "\(configuration.port)"])
            server.channel.close(promise: nil)
            Task { await gateway.registry.shutDown() }
        }
    }
}
