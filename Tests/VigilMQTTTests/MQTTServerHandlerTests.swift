import NIOCore
import NIOEmbedded
import Testing
import VigilMQTT

@Suite("MQTT server handler on a channel")
struct MQTTServerHandlerTests {
    /// An active channel with decoder, encoder and server handler.
    private func makeChannel(
        configuration: MQTTConnectionStateMachine.Configuration = .init()
    ) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers(
            ByteToMessageHandler(MQTTDecoder()),
            MessageToByteHandler(MQTTEncoder()),
            MQTTServerHandler(configuration: configuration)
        )
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1883)).wait()
        return channel
    }

    private func send(_ packet: MQTTPacket, to channel: EmbeddedChannel) throws {
        try channel.writeInbound(try packet.encoded())
    }

    private func readPacket(from channel: EmbeddedChannel) throws -> MQTTPacket? {
        guard var bytes = try channel.readOutbound(as: ByteBuffer.self) else { return nil }
        return try MQTTDecoder().decodePacket(from: &bytes)
    }

    private func connect(_ channel: EmbeddedChannel, keepAlive: UInt16 = 60) throws {
        let connect = Fixture.connect(keepAlive: keepAlive)
        try send(.connect(connect), to: channel)
        #expect(try channel.readInbound(as: MQTTServerHandler.Request.self) == .authenticate(connect))
        try channel.writeOutbound(MQTTServerHandler.Response.authenticationCompleted(.accepted, sessionPresent: false))
        #expect(try readPacket(from: channel) == .connack(MQTTConnAck(returnCode: .accepted)))
    }

    @Test("a QoS 1 PUBLISH is acknowledged on the wire only after the application commits it")
    func pubAckFollowsCommit() throws {
        let channel = try makeChannel()
        try connect(channel)
        let publish = MQTTPublish(qos: .atLeastOnce, topic: "devices/d1/messages/events/", packetID: 5, payload: .text("{}"))
        try send(.publish(publish), to: channel)
        #expect(try channel.readInbound(as: MQTTServerHandler.Request.self) == .deliver(publish))
        #expect(try readPacket(from: channel) == nil, "nothing before the commit")
        try channel.writeOutbound(MQTTServerHandler.Response.publishCommitted(5))
        #expect(try readPacket(from: channel) == .puback(5))
        _ = try? channel.finish()
    }

    @Test("PINGREQ gets PINGRESP without involving the application")
    func answersPing() throws {
        let channel = try makeChannel()
        try connect(channel)
        try send(.pingreq, to: channel)
        #expect(try readPacket(from: channel) == .pingresp)
        #expect(try channel.readInbound(as: MQTTServerHandler.Request.self) == nil)
        _ = try? channel.finish()
    }

    @Test("a silent client is disconnected after 1.5 × keep-alive")
    func closesSilentClient() throws {
        let channel = try makeChannel()
        try connect(channel, keepAlive: 10)
        channel.embeddedEventLoop.advanceTime(by: .seconds(14))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
        #expect(try channel.readInbound(as: MQTTServerHandler.Request.self) == .closing(.keepAliveTimeout))
    }

    @Test("a CONNECT for MQTT 5 gets CONNACK 0x01 and the connection closes")
    func refusesOtherProtocolVersion() throws {
        let channel = try makeChannel()
        try channel.writeInbound(Wire.buffer(Wire.connect(level: 5, payload: [0])))
        #expect(try readPacket(from: channel) == .connack(MQTTConnAck(returnCode: .unacceptableProtocolVersion)))
        #expect(!channel.isActive)
        let error = MQTTProtocolError(.unsupportedProtocolLevel, packetType: .connect)
        #expect(try channel.readInbound(as: MQTTServerHandler.Request.self) == .closing(.protocolError(error)))
    }

    @Test("a server message is sent with a packet identifier and its PUBACK reported")
    func publishesToClient() throws {
        let channel = try makeChannel()
        try connect(channel)
        let message = MQTTOutgoingPublish(topic: "devices/d1/messages/devicebound/", payload: .text("hi"))
        try channel.writeOutbound(MQTTServerHandler.Response.publish(message))
        let sent = MQTTPublish(qos: .atLeastOnce, topic: message.topic, packetID: 1, payload: message.payload)
        #expect(try readPacket(from: channel) == .publish(sent))
        try send(.puback(1), to: channel)
        #expect(try channel.readInbound(as: MQTTServerHandler.Request.self) == .publishAcknowledged(1))
        _ = try? channel.finish()
    }
}
