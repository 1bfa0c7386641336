import VigilCore

extension RuleCondition {
    /// A short description, such as "Oxygen saturation < 90 % for 10 min" or
    /// "Body weight rise ≥ 1 kg in 24 h".
    public var summary: String {
        switch self {
        case .threshold(let condition):
            let value = Self.number(condition.value, condition.type)
            let limit = "\(condition.type.displayName) \(condition.comparison.rawValue) \(value)"
            guard let duration = condition.duration, duration > 0 else { return limit }
            return limit + " for \(Self.span(duration))"
        case .trend(let condition):
            return "\(condition.type.displayName) \(condition.direction.rawValue) ≥ "
                + "\(Self.number(condition.amount, condition.type)) in \(Self.span(condition.window))"
        }
    }

    /// `180 mm[Hg]`, `1 kg`, `0.5 kg`.
    private static func number(_ value: Double, _ type: VitalType) -> String {
        type.canonicalUnit.map { "\(plain(value)) \($0)" } ?? plain(value)
    }

    /// `180`, `0.5`.
    private static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// `10 min`, `24 h`, `7 d`, `90 s`.
    private static func span(_ seconds: Double) -> String {
        for (unit, size) in [("d", 86_400.0), ("h", 3_600.0), ("min", 60.0)] where seconds >= size {
            let count = seconds / size
            if count == count.rounded() { return "\(Int64(count)) \(unit)" }
        }
        return "\(plain(seconds)) s"
    }
}
