import NIOCore
import NIOTestUtils
import Testing
import VigilMQTT

@Suite("MQTT codec round trips")
struct MQTTCodecRoundTripTests {
    @Test("samples cover all fourteen packet types")
    func samplesCoverEveryPacketType() {
        #expect(Set(SamplePackets.all.map(\.type)) == Set(MQTTPacketType.allCases))
    }

    @Test("every packet decodes to what was encoded", arguments: SamplePackets.all)
    func packetSurvivesEncodeThenDecode(_ packet: MQTTPacket) throws {
        var buffer = try packet.encoded()
        let decoded = try MQTTDecoder().decodePacket(from: &buffer)
        #expect(decoded == packet)
        #expect(buffer.readableBytes == 0)
    }

    @Test("ByteToMessageDecoderVerifier accepts every packet type", arguments: SamplePackets.all)
    func verifierAcceptsPacket(_ packet: MQTTPacket) throws {
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [(try packet.encoded(), [packet])],
            decoderFactory: { MQTTDecoder() }
        )
    }

    @Test("ByteToMessageDecoderVerifier accepts all packet types interleaved")
    func verifierAcceptsInterleavedPackets() throws {
        let pairs = try SamplePackets.all.map { (try $0.encoded(), [$0]) }
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: pairs, decoderFactory: { MQTTDecoder() })
    }

    @Test("a CONNECT encodes to the bytes the standard shows")
    func connectMatchesKnownBytes() throws {
        let packet = MQTTPacket.connect(
            MQTTConnect(keepAlive: 60, clientID: "device-1", username: "u", password: .text("p")))
        let expected = Wire.connect(flags: 0b1100_0010, payload: Wire.string("u") + Wire.string("p"))
        #expect(try packet.encoded() == Wire.buffer(expected))
    }

    @Test("a QoS 1 PUBLISH encodes flags, topic, packet id and payload")
    func publishMatchesKnownBytes() throws {
        let packet = MQTTPacket.publish(
            MQTTPublish(dup: true, qos: .atLeastOnce, retain: true, topic: "a/b", packetID: 258, payload: .text("hi")))
        let expected = Wire.frame(0x3B, Wire.string("a/b") + [0x01, 0x02] + Array("hi".utf8))
        #expect(try packet.encoded() == Wire.buffer(expected))
    }

    @Test("remaining lengths use 1 to 4 bytes at the standard's boundaries",
        arguments: [(0, 1), (127, 1), (128, 2), (16_383, 2), (16_384, 3), (2_097_151, 3), (2_097_152, 4)])
    func remainingLengthBoundaries(payloadLength: Int, lengthBytes: Int) throws {
        // Topic "t" (3 bytes) is part of the remaining length, so shrink the payload by 3.
        let payload = ByteBuffer(repeating: 1, count: max(0, payloadLength - 3))
        let packet = MQTTPacket.publish(MQTTPublish(topic: "t", payload: payload))
        var buffer = try packet.encoded()
        let expectedTotal = 1 + lengthBytes + max(3, payloadLength)
        #expect(buffer.readableBytes == expectedTotal)
        #expect(try MQTTDecoder(maximumPacketSize: 3_000_000).decodePacket(from: &buffer) == packet)
    }

    @Test("a non-minimal remaining length is accepted")
    func acceptsNonMinimalRemainingLength() throws {
        #expect(try decodeOne([0xC0, 0x80, 0x00]) == .pingreq)
    }
}
