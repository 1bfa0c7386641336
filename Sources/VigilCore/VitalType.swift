/// A kind of measurement Vigil stores, with its LOINC code, canonical UCUM
/// unit, accepted units and plausible range (see `Catalogue`).
///
/// Blood pressure arrives as a panel but is stored as two readings,
/// `.systolic` and `.diastolic`.
public enum VitalType: String, Codable, Sendable, CaseIterable, Hashable {
    case heartRate
    case respiratoryRate
    case spo2
    case bodyTemperature
    case systolic
    case diastolic
    case bodyWeight
    case bloodGlucose
    case inhaledOxygenFlow
    case supplementalOxygen
    case consciousness
    case steps
    /// The NEWS2 total Vigil derives from the other vital signs (0–20); never accepted from a device.
    case news2Score

    /// How a device expresses a value of this type.
    public enum ValueKind: Sendable {
        /// A number in one of the accepted units.
        case quantity
        /// `true` / `false`, stored as 1 / 0.
        case flag
        /// An ACVPU letter, stored as its ordinal (see `Consciousness`).
        case acvpu
    }

    /// The LOINC code Vigil emits for this type, if there is one.
    public var loinc: String? { Catalogue.entry(for: self).loinc }

    /// The SNOMED CT code of this type, for types LOINC has no code for (the NEWS2 total).
    public var snomedCT: String? { Catalogue.entry(for: self).snomedCT }

    /// Whether Vigil computes this type itself; devices may not send it.
    public var isDerived: Bool { self == .news2Score }

    /// The UCUM unit values are stored in, if the type has units.
    public var canonicalUnit: String? { Catalogue.entry(for: self).canonicalUnit }

    /// The range, in the canonical unit, that a device reading must fall in to be stored.
    public var plausibleRange: ClosedRange<Double> { Catalogue.entry(for: self).plausible }

    /// Whether this type is a number, a flag or an ACVPU level.
    public var valueKind: ValueKind { Catalogue.entry(for: self).kind }

    /// A short human name, such as "Heart rate".
    public var displayName: String { Catalogue.entry(for: self).displayName }

    /// Units accepted on input, canonical first.
    public var acceptedUnits: [String] { Catalogue.entry(for: self).conversions.map(\.unit) }

    /// Finds the type for a LOINC code, including the alternative codes accepted on input.
    public init?(loinc code: String) {
        guard let type = Catalogue.typeByLOINC[code] else { return nil }
        self = type
    }
}
