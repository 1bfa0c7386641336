/// A packet identifier: the 16-bit number that pairs a PUBLISH (QoS > 0),
/// SUBSCRIBE or UNSUBSCRIBE with its acknowledgement.
///
/// The standard forbids identifier 0; the codec rejects it with
/// ``MQTTProtocolError/Code/zeroPacketIdentifier`` in either direction.
public struct MQTTPacketID: RawRepresentable, Hashable, Sendable, Comparable, ExpressibleByIntegerLiteral,
    CustomStringConvertible
{
    /// The identifier as it appears on the wire.
    public var rawValue: UInt16

    /// Wraps a wire value.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Wraps a wire value.
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    /// Wraps a literal, as in `let id: MQTTPacketID = 7`.
    public init(integerLiteral value: UInt16) { self.rawValue = value }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The decimal wire value.
    public var description: String { String(rawValue) }
}
