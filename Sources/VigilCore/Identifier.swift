import Foundation

/// A typed identifier: `Identifier<Patient>` and `Identifier<Device>` cannot be mixed up.
///
/// It encodes as a bare JSON string.
public struct Identifier<Subject>: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// A new random identifier (a lowercase UUID).
    public static func random() -> Self { Self(UUID().uuidString.lowercased()) }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}

public typealias PatientID = Identifier<Patient>
public typealias DeviceID = Identifier<Device>
public typealias UserID = Identifier<User>
