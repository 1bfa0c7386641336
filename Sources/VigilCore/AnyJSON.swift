import Foundation

/// Any JSON value, decoded and encoded with `Codable`: twin documents, direct
/// method payloads, an alert's stored details embedded in views and events.
///
/// Integers that fit in 64 bits stay integers, so `{"interval": 60}` comes
/// back as written rather than as `60.0`.
public enum AnyJSON: Hashable, Sendable, Codable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([AnyJSON])
    case object([String: AnyJSON])

    /// Parses `data` as a JSON document; nil when it is not JSON.
    ///
    /// Faster than `JSONDecoder` for a document of unknown shape, which the
    /// decoder can only read by trying each kind of value in turn.
    public init?(parsing data: Data) {
        guard let value = data.withUnsafeBytes({ AnyJSONParser.parse($0.bindMemory(to: UInt8.self)) }) else {
            return nil
        }
        self = value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([AnyJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: AnyJSON].self))
        }
    }

    /// Encodes the value as it is.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The members, when the value is an object.
    public var objectValue: [String: AnyJSON]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// How deeply objects and arrays nest: 0 for a scalar, 1 for `{}` or `{"a": 1}`.
    public var depth: Int {
        switch self {
        case .array(let elements): 1 + (elements.map(\.depth).max() ?? 0)
        case .object(let members): 1 + (members.values.map(\.depth).max() ?? 0)
        default: 0
        }
    }

    /// This value with a JSON merge patch (RFC 7396) applied: an object patch
    /// merges member by member, `null` members delete, anything else replaces.
    public func merging(_ patch: AnyJSON) -> AnyJSON {
        guard case .object(let changes) = patch else { return patch }
        var members = objectValue ?? [:]
        for (key, change) in changes {
            if change == .null {
                members[key] = nil
            } else {
                members[key] = (members[key] ?? .null).merging(change)
            }
        }
        return .object(members)
    }
}
