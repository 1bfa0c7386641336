import NIOCore
import NIOPosix
import NIOSSL
import VigilMQTT

/// One load-generator connection to a broker on the loopback address: TLS,
/// the MQTT codec and an ``MQTTLoadHandler`` on a NIO channel.
struct MQTTLoadConnection: Sendable {
    /// The connection's channel.
    let channel: any Channel
    private let handler: NIOLoopBound<MQTTLoadHandler>

    /// Connects to `127.0.0.1:port` as `device` and waits for the broker to accept its CONNECT.
    ///
    /// - Throws: ``BenchmarkError`` when the broker refuses it, or the connection's error.
    static func open(
        _ device: MQTTDevice, port: Int, on loop: any EventLoop, tls: NIOSSLContext
    ) async throws -> Self {
        let connack = loop.makePromise(of: Void.self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: loop)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandlers(
                            try NIOSSLClientHandler(context: tls, serverHostname: nil),
                            ByteToMessageHandler(MQTTDecoder()),
                            MessageToByteHandler(MQTTEncoder()),
                            MQTTLoadHandler(device: device, connack: connack))
                    }
                }
                .connect(host: "127.0.0.1", port: port).get()
        } catch {
            connack.fail(error)
            throw error
        }
        try await connack.futureResult.get()
        let handler = try await channel.eventLoop.submit {
            NIOLoopBound(
                try channel.pipeline.syncOperations.handler(type: MQTTLoadHandler.self), eventLoop: channel.eventLoop)
        }.get()
        return Self(channel: channel, handler: handler)
    }

    /// Runs `schedule` on the connection; see ``MQTTLoadHandler/start(_:)``.
    func run(_ schedule: MQTTLoadSchedule) -> EventLoopFuture<MQTTConnectionTally> {
        let handler = handler
        return channel.eventLoop.flatSubmit { handler.value.start(schedule) }
    }

    /// Sends DISCONNECT and closes the connection.
    func close() async {
        try? await channel.writeAndFlush(MQTTPacket.disconnect)
        try? await channel.close()
    }
}
