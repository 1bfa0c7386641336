import Foundation

/// Any JSON value, decoded and encoded as it is: lets a view or an event embed
/// a stored JSON document (an alert's details) as an object rather than as a string.
public indirect enum JSONFragment: Codable, Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONFragment])
    case object([String: JSONFragment])

    /// Parses `data` as a JSON document; nil when it is not JSON.
    ///
    /// Faster than `JSONDecoder` for a document of unknown shape, which the
    /// decoder can only read by trying each kind of value in turn.
    public init?(parsing data: Data) {
        guard let value = try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed) else { return nil }
        self.init(converting: value)
    }

    /// A value as `JSONSerialization` returns it: booleans are the numbers whose type code is `c`.
    private init(converting value: Any) {
        switch value {
        case let text as String: self = .string(text)
        case let number as NSNumber:
            self = String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number(number.doubleValue)
        case let array as [Any]: self = .array(array.map(JSONFragment.init(converting:)))
        case let object as [String: Any]: self = .object(object.mapValues(JSONFragment.init(converting:)))
        default: self = .null
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONFragment].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONFragment].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
