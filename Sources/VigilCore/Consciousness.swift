/// The ACVPU level of consciousness, in order of worsening.
/// Stored as a reading whose value is the case's ordinal (A = 0 … U = 4).
public enum Consciousness: String, Codable, Sendable, CaseIterable {
    /// Alert.
    case alert = "A"
    /// New confusion.
    case confusion = "C"
    /// Responds to voice.
    case voice = "V"
    /// Responds to pain.
    case pain = "P"
    /// Unresponsive.
    case unresponsive = "U"

    /// The stored numeric value.
    public var ordinal: Double { Double(Self.allCases.firstIndex(of: self)!) }

    /// The level for a stored numeric value, if it is one.
    public init?(ordinal: Double) {
        guard let index = Int(exactly: ordinal), Self.allCases.indices.contains(index) else { return nil }
        self = Self.allCases[index]
    }
}
