import NIOCore
import Testing
import VigilMQTT

/// A catalogue of inputs MQTT 3.1.1 calls malformed; each must fail with its own code.
@Suite("MQTT decoder refuses malformed input")
struct MQTTDecoderMalformedInputTests {
    private func expectError(
        _ code: MQTTProtocolError.Code,
        _ type: MQTTPacketType?,
        decoding bytes: [UInt8],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(throws: MQTTProtocolError(code, packetType: type), sourceLocation: sourceLocation) {
            try decodeOne(bytes)
        }
    }

    @Test("reserved packet types 0 and 15", arguments: [UInt8(0x00), 0xF0])
    func rejectsReservedPacketType(first: UInt8) {
        expectError(.reservedPacketType, nil, decoding: [first, 0x00])
    }

    @Test("a reserved packet type is refused from its first byte alone")
    func rejectsReservedPacketTypeBeforeMoreBytesArrive() {
        expectError(.reservedPacketType, nil, decoding: [0xF0])
    }

    @Test(
        "fixed-header flags other than the required ones",
        arguments: [
            (UInt8(0x11), MQTTPacketType.connect), (0x21, .connack), (0x48, .puback), (0x60, .pubrel),
            (0x63, .pubrel), (0x80, .subscribe), (0xA0, .unsubscribe), (0xC1, .pingreq), (0xE2, .disconnect),
        ])
    func rejectsReservedFlags(first: UInt8, type: MQTTPacketType) {
        expectError(.invalidFixedHeaderFlags, type, decoding: [first, 0x00])
    }

    @Test("PUBLISH with QoS 3")
    func rejectsPublishQoS3() {
        expectError(.invalidQoS, .publish, decoding: Wire.frame(0x36, Wire.string("a") + [0, 1]))
    }

    @Test("PUBLISH with DUP at QoS 0")
    func rejectsDuplicateFlagAtQoS0() {
        expectError(.duplicateFlagAtQoS0, .publish, decoding: Wire.frame(0x38, Wire.string("a")))
    }

    @Test("a remaining length of more than 4 bytes")
    func rejectsRemainingLengthOverFourBytes() {
        expectError(.malformedRemainingLength, .publish, decoding: [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
    }

    @Test("an oversized packet is refused as soon as its length is known")
    func rejectsOversizedPacketBeforeBufferingIt() {
        // Only the fixed header (remaining length 1,000) is present.
        #expect(throws: MQTTProtocolError(.packetTooLarge, packetType: .publish)) {
            try decodeOne([0x30, 0xE8, 0x07], maximumPacketSize: 1_000)
        }
    }

    @Test("the default maximum admits a 256 KiB payload and refuses more than the limit")
    func defaultMaximumAdmitsIoTHubMessages() throws {
        let payload = ByteBuffer(repeating: 7, count: 262_144)
        let packet = MQTTPacket.publish(MQTTPublish(qos: .atLeastOnce, topic: "t", packetID: 1, payload: payload))
        var buffer = try packet.encoded()
        #expect(try MQTTDecoder().decodePacket(from: &buffer) == packet)
        // 2,097,152 bytes of remaining length: far over the default.
        expectError(.packetTooLarge, .publish, decoding: [0x30, 0x80, 0x80, 0x80, 0x01])
    }

    @Test("an incomplete packet is left unconsumed")
    func waitsForWholeFrameWithoutConsuming() throws {
        let whole = Array(try MQTTPacket.puback(5).encoded().readableBytesView)
        var buffer = Wire.buffer(Array(whole.dropLast()))
        #expect(try MQTTDecoder().decodePacket(from: &buffer) == nil)
        #expect(buffer.readerIndex == 0)
        buffer.writeBytes(whole.suffix(1))
        #expect(try MQTTDecoder().decodePacket(from: &buffer) == .puback(5))
    }

    @Test(
        "strings that are not well-formed UTF-8",
        arguments: [
            [UInt8(0xC3), 0x28],  // truncated two-byte sequence
            [0xC0, 0xAF],  // overlong '/'
            [0xED, 0xA0, 0x80],  // U+D800, a surrogate
            [0xED, 0xBF, 0xBF],  // U+DFFF, a surrogate
            [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
            [0xFF],
        ])
    func rejectsBadUTF8(topic: [UInt8]) {
        expectError(.invalidUTF8, .publish, decoding: Wire.frame(0x30, Wire.field(topic)))
    }

    @Test("a string containing U+0000")
    func rejectsNullCharacterInString() {
        expectError(.nullCharacter, .connect, decoding: Wire.connect(clientID: "dev\u{0}ice"))
    }

    @Test("PUBLISH topics with wildcards or none", arguments: ["a/+", "a/#", "#", "+", ""])
    func rejectsWildcardsInPublishTopic(topic: String) {
        expectError(.invalidTopicName, .publish, decoding: Wire.frame(0x30, Wire.string(topic)))
    }

    @Test("topic filters with misplaced wildcards", arguments: ["a/b#", "a/#/b", "a+", "+a/b", "a/++", "##", ""])
    func rejectsMisplacedWildcardsInTopicFilter(filter: String) {
        expectError(.invalidTopicFilter, .subscribe, decoding: Wire.frame(0x82, [0, 1] + Wire.string(filter) + [1]))
        expectError(.invalidTopicFilter, .unsubscribe, decoding: Wire.frame(0xA2, [0, 1] + Wire.string(filter)))
    }

    @Test("SUBSCRIBE and UNSUBSCRIBE without filters")
    func rejectsEmptyTopicLists() {
        expectError(.emptyTopicList, .subscribe, decoding: Wire.frame(0x82, [0, 1]))
        expectError(.emptyTopicList, .unsubscribe, decoding: Wire.frame(0xA2, [0, 1]))
    }

    @Test("requested QoS above 2 or with reserved bits", arguments: [UInt8(3), 0x04, 0x81])
    func rejectsInvalidRequestedQoS(options: UInt8) {
        expectError(.invalidRequestedQoS, .subscribe, decoding: Wire.frame(0x82, [0, 1] + Wire.string("a") + [options]))
    }

    @Test("bytes after the last field", arguments: [
        Wire.frame(0xC0, [0]),
        Wire.frame(0x40, [0, 1, 0]),
        Wire.frame(0x20, [0, 0, 0]),
        Wire.connect(payload: [0x00]),
    ])
    func rejectsTrailingBytes(bytes: [UInt8]) {
        let error = #expect(throws: MQTTProtocolError.self) { try decodeOne(bytes) }
        #expect(error?.code == .trailingBytes)
    }

    @Test("fields that run past the remaining length")
    func rejectsTruncatedFields() {
        expectError(.truncatedPacket, .puback, decoding: Wire.frame(0x40, [0]))
        expectError(.truncatedPacket, .publish, decoding: Wire.frame(0x30, [0, 5, 0x61]))
        expectError(.truncatedPacket, .connect, decoding: Wire.frame(0x10, Wire.string("MQTT") + [4]))
    }

    @Test("a CONNECT with a password but no user name")
    func rejectsPasswordWithoutUsername() {
        expectError(
            .passwordWithoutUsername, .connect, decoding: Wire.connect(flags: 0b0100_0010, payload: Wire.string("p")))
    }

    @Test("a CONNECT with the reserved flag set")
    func rejectsReservedConnectFlag() {
        expectError(.reservedConnectFlag, .connect, decoding: Wire.connect(flags: 0b0000_0011))
    }

    @Test("a CONNECT with will QoS 3")
    func rejectsWillQoS3() {
        let will = Wire.string("t") + Wire.string("m")
        expectError(.invalidWillQoS, .connect, decoding: Wire.connect(flags: 0b0001_1110, payload: will))
    }

    @Test("a CONNECT with will QoS or retain but no will", arguments: [UInt8(0b0000_1010), 0b0010_0010])
    func rejectsWillFlagsWithoutWill(flags: UInt8) {
        expectError(.willFlagsWithoutWill, .connect, decoding: Wire.connect(flags: flags))
    }

    @Test("a CONNECT will topic with wildcards")
    func rejectsWildcardWillTopic() {
        let will = Wire.string("a/#") + Wire.string("m")
        expectError(.invalidTopicName, .connect, decoding: Wire.connect(flags: 0b0000_0110, payload: will))
    }

    @Test("a CONNECT of another protocol level asks for CONNACK 0x01", arguments: [UInt8(3), 5])
    func reportsUnsupportedProtocolLevel(level: UInt8) throws {
        // MQTT 5 adds properties after the keep-alive; the level is refused before they matter.
        expectError(.unsupportedProtocolLevel, .connect, decoding: Wire.connect(level: level, payload: [0]))
        #expect(
            MQTTProtocolError(.unsupportedProtocolLevel, packetType: .connect).connectReturnCode
                == .unacceptableProtocolVersion)
    }

    @Test("a CONNECT of MQTT 3.1 (MQIsdp) asks for CONNACK 0x01")
    func reportsUnsupportedProtocolName() {
        expectError(.unsupportedProtocolName, .connect, decoding: Wire.connect(protocolName: "MQIsdp", level: 3))
        #expect(MQTTProtocolError(.unsupportedProtocolName).connectReturnCode == .unacceptableProtocolVersion)
        #expect(MQTTProtocolError(.trailingBytes).connectReturnCode == nil)
    }

    @Test(
        "packet identifier 0 where one is required",
        arguments: [
            (Wire.frame(0x40, [0, 0]), MQTTPacketType.puback),
            (Wire.frame(0x62, [0, 0]), .pubrel),
            (Wire.frame(0x32, Wire.string("a") + [0, 0]), .publish),
            (Wire.frame(0x82, [0, 0] + Wire.string("a") + [1]), .subscribe),
            (Wire.frame(0xA2, [0, 0] + Wire.string("a")), .unsubscribe),
        ])
    func rejectsZeroPacketIdentifier(bytes: [UInt8], type: MQTTPacketType) {
        expectError(.zeroPacketIdentifier, type, decoding: bytes)
    }

    @Test("CONNACK and SUBACK with undefined codes")
    func rejectsUndefinedServerCodes() {
        expectError(.invalidConnAckFlags, .connack, decoding: Wire.frame(0x20, [0x02, 0]))
        expectError(.invalidConnectReturnCode, .connack, decoding: Wire.frame(0x20, [0, 6]))
        expectError(.invalidSubAckReturnCode, .suback, decoding: Wire.frame(0x90, [0, 1, 3]))
    }

    @Test("error descriptions name the rule and packet type, never the packet's bytes")
    func errorDescriptionsCarryNoPacketContents() {
        let secret = "patient-jane-doe/+"
        do {
            _ = try decodeOne(Wire.frame(0x30, Wire.string(secret)))
            Issue.record("a wildcard topic was accepted")
        } catch {
            #expect(String(describing: error) == "mqtt_invalid_topic_name in PUBLISH")
            #expect(!String(describing: error).contains("jane"))
        }
    }
}
