import NIOCore
import NIOPosix
import NIOSSL
import VigilMQTT

/// One simulated device's MQTT 3.1.1 connection over TLS, as an IoT Hub
/// device makes it: client id = device id, user name
/// `{host}/{deviceId}/?api-version=2021-04-12`, SAS token as password.
struct MQTTDeviceConnection: Sendable {
    let channel: any Channel
    private let handler: NIOLoopBound<MQTTDeviceHandler>
    private let topic: String

    /// Connects and waits for the CONNACK.
    static func open(
        host: String, port: Int, tls: NIOSSLContext?, hostName: String, deviceID: String, token: String,
        group: any EventLoopGroup
    ) async throws -> Self {
        let loop = group.next()
        let connack = loop.makePromise(of: Void.self)
        let connect = MQTTConnect(
            cleanSession: true, keepAlive: 0, clientID: deviceID,
            username: "\(hostName)/\(deviceID)/?api-version=2021-04-12", password: ByteBuffer(string: token))
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: loop)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            try channel.pipeline.syncOperations.addHandler(
                                try NIOSSLClientHandler(context: tls, serverHostname: hostName))
                        }
                        try channel.pipeline.syncOperations.addHandlers(
                            ByteToMessageHandler(MQTTDecoder()), MessageToByteHandler(MQTTEncoder()),
                            MQTTDeviceHandler(connect: connect, connack: connack))
                    }
                }
                .connect(host: host, port: port).get()
        } catch {
            connack.fail(error)
            throw error
        }
        try await connack.futureResult.get()
        let handler = try await channel.eventLoop.submit {
            NIOLoopBound(
                try channel.pipeline.syncOperations.handler(type: MQTTDeviceHandler.self), eventLoop: channel.eventLoop)
        }.get()
        return Self(channel: channel, handler: handler, topic: "devices/\(deviceID)/messages/events/")
    }

    /// Publishes telemetry at QoS 1 and returns once it is acknowledged.
    func send(_ body: [UInt8]) async throws {
        let handler = handler
        let topic = topic
        let loop = channel.eventLoop
        try await loop.flatSubmit {
            handler.value.publish(topic: topic, payload: ByteBuffer(bytes: body), on: loop)
        }.get()
    }

    /// Sends DISCONNECT and closes.
    func close() async {
        try? await channel.writeAndFlush(MQTTPacket.disconnect)
        try? await channel.close()
    }
}
