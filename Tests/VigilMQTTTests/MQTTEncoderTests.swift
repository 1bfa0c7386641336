import NIOCore
import Testing
import VigilMQTT

@Suite("MQTT encoder refuses packets the decoder would refuse")
struct MQTTEncoderTests {
    private func expectError(
        _ code: MQTTProtocolError.Code,
        encoding packet: MQTTPacket,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var buffer = ByteBuffer()
        #expect(throws: MQTTProtocolError(code, packetType: packet.type), sourceLocation: sourceLocation) {
            try packet.encode(into: &buffer)
        }
        #expect(buffer.readableBytes == 0, "nothing is written for a refused packet", sourceLocation: sourceLocation)
    }

    @Test("a QoS 1 PUBLISH without a packet identifier")
    func refusesPublishWithoutPacketID() {
        expectError(.inconsistentPacketIdentifier, encoding: .publish(MQTTPublish(qos: .atLeastOnce, topic: "a", payload: ByteBuffer())))
    }

    @Test("a QoS 0 PUBLISH with a packet identifier")
    func refusesQoS0PublishWithPacketID() {
        expectError(.inconsistentPacketIdentifier, encoding: .publish(MQTTPublish(topic: "a", packetID: 1, payload: ByteBuffer())))
    }

    @Test("a QoS 0 PUBLISH with DUP")
    func refusesDuplicateAtQoS0() {
        expectError(.duplicateFlagAtQoS0, encoding: .publish(MQTTPublish(dup: true, topic: "a", payload: ByteBuffer())))
    }

    @Test("a PUBLISH to a wildcard topic")
    func refusesWildcardTopic() {
        expectError(.invalidTopicName, encoding: .publish(MQTTPublish(topic: "a/#", payload: ByteBuffer())))
    }

    @Test("packet identifier 0")
    func refusesZeroPacketID() {
        expectError(.zeroPacketIdentifier, encoding: .puback(0))
        expectError(.zeroPacketIdentifier, encoding: .suback(MQTTSubAck(packetID: 0, returnCodes: [.failure])))
    }

    @Test("empty SUBSCRIBE, SUBACK and UNSUBSCRIBE")
    func refusesEmptyTopicLists() {
        expectError(.emptyTopicList, encoding: .subscribe(MQTTSubscribe(packetID: 1, subscriptions: [])))
        expectError(.emptyTopicList, encoding: .suback(MQTTSubAck(packetID: 1, returnCodes: [])))
        expectError(.emptyTopicList, encoding: .unsubscribe(MQTTUnsubscribe(packetID: 1, topicFilters: [])))
    }

    @Test("a string over 65,535 bytes")
    func refusesOverlongString() {
        let clientID = String(repeating: "x", count: 65_536)
        expectError(.fieldTooLong, encoding: .connect(MQTTConnect(clientID: clientID)))
    }

    @Test("a string containing U+0000")
    func refusesNullCharacter() {
        expectError(.nullCharacter, encoding: .connect(MQTTConnect(clientID: "a\u{0}")))
    }

    @Test("a password without a user name")
    func refusesPasswordWithoutUsername() {
        expectError(.passwordWithoutUsername, encoding: .connect(MQTTConnect(clientID: "a", password: .text("p"))))
    }
}
