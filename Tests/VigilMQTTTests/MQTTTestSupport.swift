import NIOCore
import VigilMQTT

/// Builders for wire bytes and sample packets shared by the tests.
enum Wire {
    /// A frame: the first byte, a minimal remaining length, then `body`.
    static func frame(_ first: UInt8, _ body: [UInt8]) -> [UInt8] {
        var bytes = [first]
        var length = body.count
        repeat {
            var byte = UInt8(length & 0x7F)
            length >>= 7
            if length > 0 { byte |= 0x80 }
            bytes.append(byte)
        } while length > 0
        return bytes + body
    }

    /// A length-prefixed string or binary field from raw bytes.
    static func field(_ bytes: [UInt8]) -> [UInt8] {
        [UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes
    }

    /// A length-prefixed UTF-8 string field.
    static func string(_ string: String) -> [UInt8] { field(Array(string.utf8)) }

    /// A CONNECT frame with the given header fields; `payload` follows the client id.
    static func connect(
        protocolName: String = "MQTT",
        level: UInt8 = 4,
        flags: UInt8 = 0b0000_0010,
        keepAlive: UInt16 = 60,
        clientID: String = "device-1",
        payload: [UInt8] = []
    ) -> [UInt8] {
        let body =
            string(protocolName) + [level, flags, UInt8(keepAlive >> 8), UInt8(keepAlive & 0xFF)]
            + string(clientID) + payload
        return frame(0x10, body)
    }

    static func buffer(_ bytes: [UInt8]) -> ByteBuffer { ByteBuffer(bytes: bytes) }
}

extension ByteBuffer {
    /// A buffer holding a string's UTF-8 bytes.
    static func text(_ string: String) -> ByteBuffer { ByteBuffer(string: string) }
}

extension MQTTPacket {
    /// The packet's wire bytes; fails the caller if it does not encode.
    func encoded() throws -> ByteBuffer {
        var buffer = ByteBuffer()
        try encode(into: &buffer)
        return buffer
    }
}

/// Decodes exactly one packet from `bytes` with a fresh decoder.
func decodeOne(_ bytes: [UInt8], maximumPacketSize: Int = MQTTDecoder.defaultMaximumPacketSize) throws -> MQTTPacket? {
    var buffer = ByteBuffer(bytes: bytes)
    return try MQTTDecoder(maximumPacketSize: maximumPacketSize).decodePacket(from: &buffer)
}

/// At least one valid packet of every type, with every optional field used somewhere.
enum SamplePackets {
    static let all: [MQTTPacket] = [
        .connect(MQTTConnect(clientID: "device-1")),
        .connect(
            MQTTConnect(
                cleanSession: false,
                keepAlive: 1_740,
                clientID: "device-1/module-ä",
                will: MQTTWill(topic: "devices/device-1/status", message: .text("gone"), qos: .atLeastOnce, retain: true),
                username: "vigil.local/device-1/?api-version=2019-10-01",
                password: .text("SharedAccessSignature sr=x&sig=y&se=1")
            )
        ),
        .connect(MQTTConnect(clientID: "", username: "no-password")),
        .connack(MQTTConnAck(sessionPresent: true, returnCode: .accepted)),
        .connack(MQTTConnAck(returnCode: .notAuthorized)),
        .publish(MQTTPublish(topic: "devices/device-1/messages/events/", payload: .text(#"{"heartRate":72}"#))),
        .publish(
            MQTTPublish(
                dup: true, qos: .atLeastOnce, retain: true, topic: "$iothub/twin/GET/?$rid=1", packetID: 1,
                payload: .text(" "))
        ),
        .publish(MQTTPublish(qos: .exactlyOnce, topic: "a/b", packetID: 65_535, payload: ByteBuffer())),
        .publish(
            MQTTPublish(
                qos: .atLeastOnce, topic: "big", packetID: 9, payload: ByteBuffer(repeating: 0x5A, count: 300))),
        .puback(1),
        .pubrec(2),
        .pubrel(3),
        .pubcomp(4),
        .subscribe(
            MQTTSubscribe(
                packetID: 10,
                subscriptions: [
                    MQTTSubscription(topicFilter: "devices/device-1/messages/devicebound/#", qos: .atLeastOnce),
                    MQTTSubscription(topicFilter: "$iothub/methods/POST/#", qos: .atMostOnce),
                    MQTTSubscription(topicFilter: "+/+/x", qos: .exactlyOnce),
                    MQTTSubscription(topicFilter: "#", qos: .atLeastOnce),
                ])
        ),
        .suback(MQTTSubAck(packetID: 10, returnCodes: [.granted(.atLeastOnce), .granted(.atMostOnce), .failure])),
        .unsubscribe(MQTTUnsubscribe(packetID: 11, topicFilters: ["$iothub/twin/res/#", "a/+"])),
        .unsuback(11),
        .pingreq,
        .pingresp,
        .disconnect,
    ]
}
