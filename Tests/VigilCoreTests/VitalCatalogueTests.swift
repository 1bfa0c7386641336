import Testing
import VigilCore

/// The catalogue of `reference/vitals.md`: codes, units, conversions, plausible ranges.
struct VitalCatalogueTests {
    /// One row of the reference table.
    struct Row: Sendable, CustomTestStringConvertible {
        let type: VitalType
        let loinc: String?
        let unit: String?
        let low: Double
        let high: Double
        var testDescription: String { type.rawValue }
    }

    static let rows: [Row] = [
        Row(type: .heartRate, loinc: "8867-4", unit: "/min", low: 20, high: 300),
        Row(type: .respiratoryRate, loinc: "9279-1", unit: "/min", low: 2, high: 80),
        Row(type: .spo2, loinc: "59408-5", unit: "%", low: 50, high: 100),
        Row(type: .bodyTemperature, loinc: "8310-5", unit: "Cel", low: 25, high: 45),
        Row(type: .systolic, loinc: "8480-6", unit: "mm[Hg]", low: 40, high: 300),
        Row(type: .diastolic, loinc: "8462-4", unit: "mm[Hg]", low: 20, high: 200),
        Row(type: .bodyWeight, loinc: "29463-7", unit: "kg", low: 0.5, high: 500),
        Row(type: .bloodGlucose, loinc: "2339-0", unit: "mg/dL", low: 10, high: 1000),
        Row(type: .inhaledOxygenFlow, loinc: "3151-8", unit: "L/min", low: 0, high: 60),
        Row(type: .steps, loinc: "55423-8", unit: "{steps}", low: 0, high: 100_000),
        Row(type: .news2Score, loinc: nil, unit: "{score}", low: 0, high: 20),
    ]

    @Test func news2ScoreIsDerivedAndCodedInSNOMEDCT() {
        #expect(VitalType.news2Score.isDerived)
        #expect(VitalType.news2Score.snomedCT == "1104051000000101")
        #expect(VitalType.allCases.filter(\.isDerived) == [.news2Score])
    }

    @Test func everyTypeIsInTheCatalogue() {
        #expect(Set(Self.rows.map(\.type)).union([.supplementalOxygen, .consciousness]) == Set(VitalType.allCases))
    }

    @Test(arguments: rows)
    func codesAndCanonicalUnitsMatchTheReference(_ row: Row) {
        #expect(row.type.loinc == row.loinc)
        #expect(row.type.canonicalUnit == row.unit)
        #expect(row.type.acceptedUnits.first == row.unit)
        if let loinc = row.loinc { #expect(VitalType(loinc: loinc) == row.type) }
    }

    @Test(arguments: rows)
    func plausibleRangeIsInclusiveAtBothEnds(_ row: Row) throws {
        #expect(try row.type.canonicalValue(of: .number(row.low), unit: row.unit) == row.low)
        #expect(try row.type.canonicalValue(of: .number(row.high), unit: row.unit) == row.high)
        let step = row.high >= 1000 ? 1 : 0.01
        for outside in [row.low - step, row.high + step] {
            #expect(throws: ReadingRejection(.implausibleValue, type: row.type)) {
                try row.type.canonicalValue(of: .number(outside), unit: row.unit)
            }
        }
    }

    @Test(arguments: rows)
    func missingUnitMeansCanonical(_ row: Row) throws {
        let middle = (row.low + row.high) / 2
        #expect(try row.type.canonicalValue(of: .number(middle), unit: nil) == middle)
    }

    @Test(arguments: rows)
    func unknownUnitIsRejected(_ row: Row) {
        #expect(throws: ReadingRejection(.unknownUnit, type: row.type)) {
            try row.type.canonicalValue(of: .number(row.low), unit: "furlongs")
        }
    }

    @Test(arguments: rows)
    func nonNumbersAndNonFiniteNumbersAreRejected(_ row: Row) {
        for value in [MeasuredValue.text("72"), .flag(true), .number(.nan), .number(.infinity)] {
            #expect(throws: ReadingRejection(.invalidValue, type: row.type)) {
                try row.type.canonicalValue(of: value, unit: row.unit)
            }
        }
    }

    @Test(arguments: [
        (VitalType.heartRate, "{beats}/min", 72.0, 72.0),
        (.heartRate, "bpm", 72, 72),
        (.respiratoryRate, "{breaths}/min", 16, 16),
        (.spo2, "1", 0.97, 97),
        (.bodyTemperature, "[degF]", 98.6, 37),
        (.bodyTemperature, "[degF]", 77, 25),
        (.bodyTemperature, "[degF]", 113, 45),
        (.systolic, "kPa", 16, 120.00992),
        (.diastolic, "kPa", 10.6658, 80.000112796),
        (.bodyWeight, "[lb_av]", 180.2, 81.737345074),
        (.bodyWeight, "g", 81_500, 81.5),
        (.bloodGlucose, "mmol/L", 5.5, 99.088),
    ])
    func acceptedUnitsConvertToCanonical(type: VitalType, unit: String, value: Double, expected: Double) throws {
        let canonical = try type.canonicalValue(of: .number(value), unit: unit)
        #expect(abs(canonical - expected) < 1e-6)
    }

    @Test func conversionIsCheckedAgainstTheRangeAfterConverting() {
        // 0.45 as a fraction is 45 %, below the plausible 50 %.
        #expect(throws: ReadingRejection(.implausibleValue, type: .spo2)) {
            try VitalType.spo2.canonicalValue(of: .number(0.45), unit: "1")
        }
        // 114 °F is 45.6 °C.
        #expect(throws: ReadingRejection(.implausibleValue, type: .bodyTemperature)) {
            try VitalType.bodyTemperature.canonicalValue(of: .number(114), unit: "[degF]")
        }
        // 1,102.5 lb is 500.09 kg.
        #expect(throws: ReadingRejection(.implausibleValue, type: .bodyWeight)) {
            try VitalType.bodyWeight.canonicalValue(of: .number(1102.5), unit: "[lb_av]")
        }
    }

    @Test func alternativeInputCodesMapToTheirTypes() {
        #expect(VitalType(loinc: "2708-6") == .spo2)
        #expect(VitalType(loinc: "15074-8") == .bloodGlucose)
        #expect(VitalType(loinc: "0000-0") == nil)
    }

    @Test func supplementalOxygenIsAFlagWithoutUnit() throws {
        #expect(try VitalType.supplementalOxygen.canonicalValue(of: .flag(true), unit: nil) == 1)
        #expect(try VitalType.supplementalOxygen.canonicalValue(of: .flag(false), unit: nil) == 0)
        #expect(throws: ReadingRejection(.invalidValue, type: .supplementalOxygen)) {
            try VitalType.supplementalOxygen.canonicalValue(of: .number(1), unit: nil)
        }
        #expect(throws: ReadingRejection(.unknownUnit, type: .supplementalOxygen)) {
            try VitalType.supplementalOxygen.canonicalValue(of: .flag(true), unit: "%")
        }
    }

    @Test(arguments: Consciousness.allCases)
    func everyACVPULevelIsStoredAsItsOrdinal(_ level: Consciousness) throws {
        let stored = try VitalType.consciousness.canonicalValue(of: .text(level.rawValue), unit: nil)
        #expect(Consciousness(ordinal: stored) == level)
        #expect(try VitalType.consciousness.canonicalValue(of: .text(level.rawValue.lowercased()), unit: nil) == stored)
    }

    @Test func unknownConsciousnessLettersAreRejected() {
        for letter in ["X", "", "AV", "alert"] {
            #expect(throws: ReadingRejection(.invalidValue, type: .consciousness)) {
                try VitalType.consciousness.canonicalValue(of: .text(letter), unit: nil)
            }
        }
    }

    @Test func originalValueKeepsWhatTheDeviceSent() {
        #expect(MeasuredValue.number(72).originalText == "72")
        #expect(MeasuredValue.number(99.1).originalText == "99.1")
        #expect(MeasuredValue.flag(true).originalText == "true")
        #expect(MeasuredValue.text("V").originalText == "V")
    }
}
