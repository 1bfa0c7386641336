import NIOCore

/// Checks and measures the fields of one packet before it is written, then
/// writes them; the two passes let the remaining length be written first
/// without copying the payload.
struct MQTTFieldWriter {
    let packetType: MQTTPacketType

    func error(_ code: MQTTProtocolError.Code) -> MQTTProtocolError {
        MQTTProtocolError(code, packetType: packetType)
    }

    /// The encoded size of a string field, after checking it is encodable.
    func measure(string: String) throws(MQTTProtocolError) -> Int {
        let bytes = string.utf8
        guard bytes.count <= Int(UInt16.max) else { throw error(.fieldTooLong) }
        guard !bytes.contains(0) else { throw error(.nullCharacter) }
        return 2 + bytes.count
    }

    /// The encoded size of a topic-name field, after checking it.
    func measure(topicName: String) throws(MQTTProtocolError) -> Int {
        guard MQTTTopic.isValidName(topicName) else { throw error(.invalidTopicName) }
        return try measure(string: topicName)
    }

    /// The encoded size of a topic-filter field, after checking it.
    func measure(topicFilter: String) throws(MQTTProtocolError) -> Int {
        guard MQTTTopic.isValidFilter(topicFilter) else { throw error(.invalidTopicFilter) }
        return try measure(string: topicFilter)
    }

    /// The encoded size of a binary field, after checking it is encodable.
    func measure(binary: ByteBuffer) throws(MQTTProtocolError) -> Int {
        guard binary.readableBytes <= Int(UInt16.max) else { throw error(.fieldTooLong) }
        return 2 + binary.readableBytes
    }

    /// The encoded size of a packet identifier, after checking it is not 0.
    func measure(packetID: MQTTPacketID) throws(MQTTProtocolError) -> Int {
        guard packetID.rawValue != 0 else { throw error(.zeroPacketIdentifier) }
        return 2
    }
}

extension ByteBuffer {
    /// Writes a length-prefixed string measured by ``MQTTFieldWriter``.
    mutating func writeMQTTString(_ string: String) {
        writeInteger(UInt16(truncatingIfNeeded: string.utf8.count))
        writeString(string)
    }

    /// Writes a length-prefixed binary field measured by ``MQTTFieldWriter``.
    mutating func writeMQTTBinary(_ bytes: ByteBuffer) {
        writeInteger(UInt16(truncatingIfNeeded: bytes.readableBytes))
        writeImmutableBuffer(bytes)
    }
}
