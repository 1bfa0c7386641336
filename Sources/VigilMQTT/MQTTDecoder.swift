import NIOCore

/// Decodes MQTT 3.1.1 packets from a byte stream.
///
/// The decoder never consumes part of a packet: it moves the reader index
/// only past a whole frame. It refuses a bad packet type, bad fixed-header
/// flags or an oversized length as soon as the fixed header shows them, so it
/// never buffers more than ``maximumPacketSize`` bytes of one packet. Every
/// violation throws an ``MQTTProtocolError``; the connection should then be
/// closed (after a CONNACK when ``MQTTProtocolError/connectReturnCode`` says so).
///
/// Use it in a pipeline as `ByteToMessageHandler(MQTTDecoder())`, or call
/// ``decodePacket(from:)`` directly.
public struct MQTTDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = MQTTPacket

    /// The default ``maximumPacketSize``: a 256 KiB payload (IoT Hub's message
    /// limit) with room for the largest topic, a packet identifier and the
    /// fixed header.
    public static let defaultMaximumPacketSize = 262_144 + 65_535 + 2 + 2 + 5

    /// The largest whole packet, fixed header included, that is accepted.
    public let maximumPacketSize: Int

    /// Creates a decoder that refuses packets larger than `maximumPacketSize` bytes.
    public init(maximumPacketSize: Int = MQTTDecoder.defaultMaximumPacketSize) {
        self.maximumPacketSize = maximumPacketSize
    }

    /// Decodes one packet from the front of `buffer`.
    ///
    /// - Returns: The packet, with the reader index moved past it; or `nil`
    ///   when the buffer does not yet hold a whole packet, with the reader
    ///   index unmoved.
    /// - Throws: ``MQTTProtocolError`` when the bytes are not a valid packet.
    public func decodePacket(from buffer: inout ByteBuffer) throws(MQTTProtocolError) -> MQTTPacket? {
        guard let header = try MQTTFixedHeader.peek(in: buffer) else { return nil }
        let frameLength = header.length + header.remainingLength
        guard frameLength <= maximumPacketSize else {
            throw MQTTProtocolError(.packetTooLarge, packetType: header.type)
        }
        guard let body = buffer.getSlice(at: buffer.readerIndex + header.length, length: header.remainingLength)
        else { return nil }
        let packet = try MQTTPacket.decode(header, body: body)
        buffer.moveReaderIndex(forwardBy: frameLength)
        return packet
    }

    /// Decodes one packet and passes it on; see ``decodePacket(from:)``.
    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let packet = try decodePacket(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(packet))
        return .continue
    }

    /// Decodes the packets still whole at end of input; a partial packet left
    /// at the end is dropped, as the peer has gone.
    public mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }
}
