/// The vital-sign catalogue: codes, units, conversions and plausible ranges.
///
/// Plausible ranges are wide on purpose: outside them a reading is a device or
/// unit error and goes to quarantine; clinical thresholds are a separate matter.
enum Catalogue {
    /// One row of the catalogue.
    struct Entry: Sendable {
        let displayName: String
        let loinc: String?
        let alternativeLOINC: [String]
        let canonicalUnit: String?
        let conversions: [UnitConversion]
        let plausible: ClosedRange<Double>
        let kind: VitalType.ValueKind
        /// A SNOMED CT code, for types without a LOINC code.
        var snomedCT: String? = nil
    }

    /// The row of a type, built once.
    static func entry(for type: VitalType) -> Entry { entries[type]! }

    private static let entries: [VitalType: Entry] = Dictionary(
        uniqueKeysWithValues: VitalType.allCases.map { ($0, makeEntry(for: $0)) })

    private static func makeEntry(for type: VitalType) -> Entry {
        switch type {
        case .heartRate:
            quantity("Heart rate", loinc: "8867-4", unit: "/min", also: [.same("{beats}/min"), .same("bpm")], 20...300)
        case .respiratoryRate:
            quantity("Respiratory rate", loinc: "9279-1", unit: "/min", also: [.same("{breaths}/min")], 2...80)
        case .spo2:
            quantity(
                "Oxygen saturation", loinc: "59408-5", alternatives: ["2708-6"], unit: "%",
                also: [.scaled("1", by: 100)], 50...100)
        case .bodyTemperature:
            quantity(
                "Body temperature", loinc: "8310-5", unit: "Cel",
                also: [UnitConversion(unit: "[degF]") { ($0 - 32) * 5 / 9 }], 25...45)
        case .systolic:
            quantity("Systolic blood pressure", loinc: "8480-6", unit: "mm[Hg]", also: [.scaled("kPa", by: 7.50062)], 40...300)
        case .diastolic:
            quantity("Diastolic blood pressure", loinc: "8462-4", unit: "mm[Hg]", also: [.scaled("kPa", by: 7.50062)], 20...200)
        case .bodyWeight:
            quantity(
                "Body weight", loinc: "29463-7", unit: "kg",
                also: [.scaled("[lb_av]", by: 0.45359237), .scaled("g", by: 0.001)], 0.5...500)
        case .bloodGlucose:
            quantity(
                "Blood glucose", loinc: "2339-0", alternatives: ["15074-8"], unit: "mg/dL",
                also: [.scaled("mmol/L", by: 18.016)], 10...1000)
        case .inhaledOxygenFlow:
            quantity("Inhaled oxygen flow", loinc: "3151-8", unit: "L/min", also: [], 0...60)
        case .supplementalOxygen:
            Entry(
                displayName: "Supplemental oxygen", loinc: nil, alternativeLOINC: [], canonicalUnit: nil,
                conversions: [], plausible: 0...1, kind: .flag)
        case .consciousness:
            Entry(
                displayName: "Consciousness (ACVPU)", loinc: nil, alternativeLOINC: [], canonicalUnit: nil,
                conversions: [], plausible: 0...Double(Consciousness.allCases.count - 1), kind: .acvpu)
        case .steps:
            quantity("Steps", loinc: "55423-8", unit: "{steps}", also: [], 0...100_000)
        case .news2Score:
            // No LOINC code is emitted. The code recorded is UK SNOMED CT
            // 1104051000000101, which an NHS implementation guide uses for the NEWS2
            // total score (cited in reference/vitals.md).
            Entry(
                displayName: "NEWS2 score", loinc: nil, alternativeLOINC: [], canonicalUnit: "{score}",
                conversions: [.same("{score}")], plausible: 0...20, kind: .quantity, snomedCT: "1104051000000101")
        }
    }

    /// Every input LOINC code (primary and alternative) mapped to its type.
    static let typeByLOINC: [String: VitalType] = {
        var map: [String: VitalType] = [:]
        for type in VitalType.allCases {
            let entry = entry(for: type)
            for code in [entry.loinc].compactMap({ $0 }) + entry.alternativeLOINC { map[code] = type }
        }
        return map
    }()

    private static func quantity(
        _ name: String, loinc: String, alternatives: [String] = [], unit: String, also: [UnitConversion],
        _ plausible: ClosedRange<Double>
    ) -> Entry {
        Entry(
            displayName: name, loinc: loinc, alternativeLOINC: alternatives, canonicalUnit: unit,
            conversions: [.same(unit)] + also, plausible: plausible, kind: .quantity)
    }
}

/// How a value in an accepted unit becomes a value in the canonical unit.
struct UnitConversion: Sendable {
    let unit: String
    let toCanonical: @Sendable (Double) -> Double

    static func same(_ unit: String) -> Self { Self(unit: unit) { $0 } }
    static func scaled(_ unit: String, by factor: Double) -> Self { Self(unit: unit) { $0 * factor } }
}
