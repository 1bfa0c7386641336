import VigilCore

/// A patient's rules as stored (JSON per patient), with a format version.
///
/// Encoded as `{"formatVersion": 1, "rules": [ … ]}`. Decoding refuses a
/// missing or newer format version rather than guess at its meaning.
public struct RuleSet: Sendable, Hashable {
    /// The format version this code writes and the newest it reads.
    public static let currentFormatVersion = 1

    /// The rules, in the order a clinician arranged them.
    public var rules: [Rule]

    /// A rule set of `rules`.
    public init(rules: [Rule] = []) { self.rules = rules }

    /// Checks every rule can be evaluated: unique, non-empty ids; finite
    /// thresholds; durations of zero or more; trends on numeric types with a
    /// positive amount and window.
    ///
    /// - Throws: `RuleSetError` naming the first offending rule.
    public func validate() throws(RuleSetError) {
        var seen: Set<RuleID> = []
        for rule in rules {
            guard !rule.id.rawValue.isEmpty else { throw RuleSetError(.emptyID, ruleID: rule.id) }
            guard seen.insert(rule.id).inserted else { throw RuleSetError(.duplicateID, ruleID: rule.id) }
            switch rule.condition {
            case .threshold(let condition):
                guard condition.value.isFinite else { throw RuleSetError(.invalidThreshold, ruleID: rule.id) }
                if let duration = condition.duration, !(duration.isFinite && duration >= 0) {
                    throw RuleSetError(.invalidDuration, ruleID: rule.id)
                }
            case .trend(let condition):
                guard condition.type.valueKind == .quantity else {
                    throw RuleSetError(.invalidTrendType, ruleID: rule.id)
                }
                guard condition.amount.isFinite, condition.amount > 0 else {
                    throw RuleSetError(.invalidAmount, ruleID: rule.id)
                }
                guard condition.window.isFinite, condition.window > 0 else {
                    throw RuleSetError(.invalidWindow, ruleID: rule.id)
                }
            }
        }
    }
}

extension RuleSet: Codable {
    private enum CodingKeys: String, CodingKey {
        case formatVersion, rules
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .formatVersion)
        guard (1...Self.currentFormatVersion).contains(version) else {
            throw DecodingError.dataCorruptedError(
                forKey: .formatVersion, in: container,
                debugDescription:
                    "unsupported rule format version \(version); this build reads up to \(Self.currentFormatVersion)")
        }
        rules = try container.decode([Rule].self, forKey: .rules)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.currentFormatVersion, forKey: .formatVersion)
        try container.encode(rules, forKey: .rules)
    }
}
