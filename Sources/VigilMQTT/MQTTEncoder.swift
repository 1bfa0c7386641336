import NIOCore

/// Encodes MQTT 3.1.1 packets onto a byte stream.
///
/// Use it in a pipeline as `MessageToByteHandler(MQTTEncoder())`. A packet that
/// breaks the standard's rules is not written; the write fails with an
/// ``MQTTProtocolError`` instead (see ``MQTTPacket/encode(into:)``).
public struct MQTTEncoder: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = MQTTPacket

    /// Creates an encoder.
    public init() {}

    /// Appends `data`'s wire form to `out`.
    public func encode(data: MQTTPacket, out: inout ByteBuffer) throws {
        try data.encode(into: &out)
    }
}
