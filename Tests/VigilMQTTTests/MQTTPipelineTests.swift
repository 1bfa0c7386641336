import NIOCore
import NIOEmbedded
import Testing
import VigilMQTT

@Suite("MQTT codec in a channel pipeline")
struct MQTTPipelineTests {
    @Test("the decoder handler passes packets on and fails the read on malformed bytes")
    func decoderHandlerPassesPacketsAndErrors() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(MQTTDecoder()))
        var input = try MQTTPacket.pingreq.encoded()
        input.writeBytes([0xF0, 0x00])
        #expect(throws: MQTTProtocolError(.reservedPacketType)) { try channel.writeInbound(input) }
        #expect(try channel.readInbound(as: MQTTPacket.self) == .pingreq)
        _ = try? channel.finish()
    }

    @Test("the encoder handler writes wire bytes")
    func encoderHandlerWritesBytes() throws {
        let channel = EmbeddedChannel(handler: MessageToByteHandler(MQTTEncoder()))
        try channel.writeOutbound(MQTTPacket.puback(258))
        #expect(try channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(bytes: [0x40, 0x02, 0x01, 0x02]))
        #expect(try channel.finish().isClean)
    }
}
