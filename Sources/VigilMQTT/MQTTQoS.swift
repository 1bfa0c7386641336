/// An MQTT quality-of-service level.
public enum MQTTQoS: UInt8, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// QoS 0: delivered at most once, never acknowledged.
    case atMostOnce = 0
    /// QoS 1: delivered at least once, acknowledged with PUBACK.
    case atLeastOnce = 1
    /// QoS 2: delivered exactly once, through PUBREC, PUBREL and PUBCOMP.
    case exactlyOnce = 2

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `QoS 0`, `QoS 1` or `QoS 2`.
    public var description: String { "QoS \(rawValue)" }
}
