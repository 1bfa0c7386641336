extension VitalType {
    /// Converts a device value to the canonical unit and checks it is plausible.
    ///
    /// - Parameters:
    ///   - value: the value as sent.
    ///   - unit: the UCUM unit as sent; `nil` means the canonical unit.
    /// - Returns: the canonical value.
    /// - Throws: `ReadingRejection` when the unit is unknown, the value has the
    ///   wrong kind, or it is outside the plausible range.
    public func canonicalValue(of value: MeasuredValue, unit: String?) throws(ReadingRejection) -> Double {
        let canonical: Double
        switch (valueKind, value) {
        case (.quantity, .number(let number)):
            guard number.isFinite else { throw ReadingRejection(.invalidValue, type: self) }
            guard let conversion = Catalogue.entry(for: self).conversions.first(where: { $0.unit == unit ?? canonicalUnit })
            else { throw ReadingRejection(.unknownUnit, type: self) }
            canonical = conversion.toCanonical(number)
        case (.flag, .flag(let flag)):
            guard unit == nil else { throw ReadingRejection(.unknownUnit, type: self) }
            canonical = flag ? 1 : 0
        case (.acvpu, .text(let letter)):
            guard unit == nil else { throw ReadingRejection(.unknownUnit, type: self) }
            guard let level = Consciousness(rawValue: letter.uppercased()) else {
                throw ReadingRejection(.invalidValue, type: self)
            }
            canonical = level.ordinal
        default:
            throw ReadingRejection(.invalidValue, type: self)
        }
        guard plausibleRange.contains(canonical) else { throw ReadingRejection(.implausibleValue, type: self) }
        return canonical
    }
}

/// Why one reading was refused. Carries no value, so it is safe to log.
public struct ReadingRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable reason.
    public enum Reason: String, Sendable, Codable, CaseIterable {
        case unknownType = "unknown_type"
        case unknownUnit = "unknown_unit"
        case invalidValue = "invalid_value"
        case implausibleValue = "implausible_value"
        case diastolicNotBelowSystolic = "diastolic_not_below_systolic"
        case timeInFuture = "time_in_future"
        case timeTooOld = "time_too_old"
        case invalidTime = "invalid_time"
    }

    public let reason: Reason
    public let type: VitalType?

    public init(_ reason: Reason, type: VitalType? = nil) {
        self.reason = reason
        self.type = type
    }

    public var description: String {
        if let type { return "\(reason.rawValue) (\(type.rawValue))" }
        return reason.rawValue
    }
}
