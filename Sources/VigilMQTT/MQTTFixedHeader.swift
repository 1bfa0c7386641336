import NIOCore

/// The fixed header of a packet: type, flags and remaining length.
struct MQTTFixedHeader: Hashable, Sendable {
    /// The largest remaining length a 4-byte variable-byte integer holds.
    static let maximumRemainingLength = 268_435_455

    var type: MQTTPacketType
    var flags: UInt8
    var remainingLength: Int
    /// The size of the fixed header itself: 2 to 5 bytes.
    var length: Int

    /// Reads a fixed header at the buffer's reader index without moving it.
    ///
    /// Returns `nil` when more bytes are needed to know the remaining length.
    /// The type and flags are checked as soon as the first byte is there, so
    /// garbage is refused before any more of it is buffered.
    static func peek(in buffer: ByteBuffer) throws(MQTTProtocolError) -> MQTTFixedHeader? {
        let start = buffer.readerIndex
        guard let first = buffer.getInteger(at: start, as: UInt8.self) else { return nil }
        guard let type = MQTTPacketType(rawValue: first >> 4) else {
            throw MQTTProtocolError(.reservedPacketType)
        }
        let flags = first & 0x0F
        try validate(flags: flags, of: type)

        var remainingLength = 0
        var multiplier = 1
        for index in 0..<4 {
            guard let byte = buffer.getInteger(at: start + 1 + index, as: UInt8.self) else { return nil }
            remainingLength += Int(byte & 0x7F) * multiplier
            if byte & 0x80 == 0 {
                return MQTTFixedHeader(type: type, flags: flags, remainingLength: remainingLength, length: 2 + index)
            }
            multiplier *= 128
        }
        throw MQTTProtocolError(.malformedRemainingLength, packetType: type)
    }

    private static func validate(flags: UInt8, of type: MQTTPacketType) throws(MQTTProtocolError) {
        if let required = type.requiredFlags {
            guard flags == required else { throw MQTTProtocolError(.invalidFixedHeaderFlags, packetType: type) }
            return
        }
        let qos = (flags >> 1) & 0b11
        guard qos != 3 else { throw MQTTProtocolError(.invalidQoS, packetType: type) }
        if qos == 0 && flags & 0b1000 != 0 {
            throw MQTTProtocolError(.duplicateFlagAtQoS0, packetType: type)
        }
    }

    /// Writes `length` as a variable-byte integer of 1 to 4 bytes.
    static func writeRemainingLength(_ length: Int, to buffer: inout ByteBuffer) {
        var value = length
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value > 0 { byte |= 0x80 }
            buffer.writeInteger(byte)
        } while value > 0
    }
}
