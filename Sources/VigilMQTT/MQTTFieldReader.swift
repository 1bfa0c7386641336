import NIOCore

/// Reads the fields of one packet's variable header and payload from a slice
/// holding exactly its remaining length, failing with the packet's type on
/// any malformation.
struct MQTTFieldReader {
    private var buffer: ByteBuffer
    let packetType: MQTTPacketType

    init(body: ByteBuffer, packetType: MQTTPacketType) {
        self.buffer = body
        self.packetType = packetType
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { buffer.readableBytes == 0 }

    func error(_ code: MQTTProtocolError.Code) -> MQTTProtocolError {
        MQTTProtocolError(code, packetType: packetType)
    }

    mutating func readByte() throws(MQTTProtocolError) -> UInt8 {
        guard let byte = buffer.readInteger(as: UInt8.self) else { throw error(.truncatedPacket) }
        return byte
    }

    mutating func readUInt16() throws(MQTTProtocolError) -> UInt16 {
        guard let value = buffer.readInteger(as: UInt16.self) else { throw error(.truncatedPacket) }
        return value
    }

    /// A packet identifier, which must not be 0.
    mutating func readPacketID() throws(MQTTProtocolError) -> MQTTPacketID {
        let value = try readUInt16()
        guard value != 0 else { throw error(.zeroPacketIdentifier) }
        return MQTTPacketID(value)
    }

    /// A length-prefixed field of opaque bytes.
    mutating func readBinary() throws(MQTTProtocolError) -> ByteBuffer {
        let length = Int(try readUInt16())
        guard let bytes = buffer.readSlice(length: length) else { throw error(.truncatedPacket) }
        return bytes
    }

    /// A length-prefixed field of opaque bytes in storage of its own: a value
    /// kept for a connection's lifetime (a CONNECT's password or will) must
    /// not pin the buffer the packet was read from, which TLS sizes for two
    /// full records.
    mutating func readOwnedBinary() throws(MQTTProtocolError) -> ByteBuffer {
        let bytes = try readBinary()
        return ByteBuffer(bytes: bytes.readableBytesView)
    }

    /// A length-prefixed UTF-8 string: well-formed, without U+0000.
    mutating func readString() throws(MQTTProtocolError) -> String {
        let bytes = try readBinary()
        let view = bytes.readableBytesView
        guard !view.contains(0) else { throw error(.nullCharacter) }
        // Swift's validation also refuses overlong forms and encoded surrogates (U+D800–U+DFFF).
        guard let string = String(validating: view, as: UTF8.self) else { throw error(.invalidUTF8) }
        return string
    }

    /// A string that must be a valid topic name.
    mutating func readTopicName() throws(MQTTProtocolError) -> String {
        let topic = try readString()
        guard MQTTTopic.isValidName(topic) else { throw error(.invalidTopicName) }
        return topic
    }

    /// A string that must be a valid topic filter.
    mutating func readTopicFilter() throws(MQTTProtocolError) -> String {
        let filter = try readString()
        guard MQTTTopic.isValidFilter(filter) else { throw error(.invalidTopicFilter) }
        return filter
    }

    /// Every byte not yet read.
    mutating func readRest() -> ByteBuffer {
        buffer.readSlice(length: buffer.readableBytes) ?? ByteBuffer()
    }

    /// Fails unless every byte has been read.
    func finish() throws(MQTTProtocolError) {
        guard isAtEnd else { throw error(.trailingBytes) }
    }
}
