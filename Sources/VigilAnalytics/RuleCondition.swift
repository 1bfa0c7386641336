import VigilCore

/// What a rule checks: a threshold or a trend.
///
/// Encoded flat with a `kind`: `{"kind": "threshold", "type": "spo2", …}` or
/// `{"kind": "trend", "type": "bodyWeight", …}`.
public enum RuleCondition: Sendable, Hashable {
    /// A (possibly sustained) threshold.
    case threshold(ThresholdCondition)
    /// A rise or fall within a window.
    case trend(TrendCondition)

    /// The vital type the condition reads.
    public var type: VitalType {
        switch self {
        case .threshold(let condition): condition.type
        case .trend(let condition): condition.type
        }
    }
}

extension RuleCondition: Codable {
    private enum Kind: String, Codable {
        case threshold, trend
    }

    private enum CodingKeys: String, CodingKey {
        case kind
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .threshold: self = .threshold(try ThresholdCondition(from: decoder))
        case .trend: self = .trend(try TrendCondition(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .threshold(let condition):
            try container.encode(Kind.threshold, forKey: .kind)
            try condition.encode(to: encoder)
        case .trend(let condition):
            try container.encode(Kind.trend, forKey: .kind)
            try condition.encode(to: encoder)
        }
    }
}
