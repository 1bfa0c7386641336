import Foundation
import VigilCore

/// One simulated patient: an identifier, a device of each kind, personal baselines
/// for every vital sign, and the units that patient's devices report in.
struct PatientProfile: Sendable {
    /// The patient's identifier, a random-looking UUID.
    let patientID: PatientID
    /// The patient's device of each kind.
    let devices: [DeviceKind: DeviceID]
    private let restingHeartRate: Double
    private let spo2: Double
    private let respiratoryRate: Double
    private let systolic: Double
    private let diastolic: Double
    private let temperature: Double
    private let weight: Double
    private let glucose: Double
    /// Whether the thermometer reports °F and the scale pounds.
    private let usesImperialUnits: Bool
    /// Whether the glucometer reports mmol/L rather than mg/dL.
    private let usesMillimoles: Bool

    /// A patient with baselines drawn from plausible adult ranges.
    init(using generator: inout SeededGenerator) {
        patientID = PatientID(generator.uuidString())
        var devices: [DeviceKind: DeviceID] = [:]
        for kind in DeviceKind.allCases {
            devices[kind] = DeviceID("\(kind.rawValue)-\(SeededGenerator.hex(generator.next() >> 32, digits: 8))")
        }
        self.devices = devices
        restingHeartRate = Double.random(in: 55...90, using: &generator)
        spo2 = Double.random(in: 93...98.5, using: &generator)
        respiratoryRate = Double.random(in: 12...20, using: &generator)
        systolic = Double.random(in: 105...165, using: &generator)
        diastolic = Double.random(in: 65...100, using: &generator)
        temperature = Double.random(in: 36.3...37.2, using: &generator)
        weight = Double.random(in: 48...130, using: &generator)
        glucose = Double.random(in: 85...180, using: &generator)
        usesImperialUnits = Int.random(in: 0..<4, using: &generator) == 0
        usesMillimoles = Int.random(in: 0..<2, using: &generator) == 0
    }

    /// The readings in one message from this patient's device of `kind`, measured at `measuredAt`.
    func readings(
        from kind: DeviceKind, measuredAt: Int64, receivedAt: Int64, messageID: String,
        using generator: inout SeededGenerator
    ) -> [Reading] {
        let hour = Int((measuredAt / 3_600_000) % 24)
        let asleep = hour < 6 || hour >= 23
        let heartRate = (restingHeartRate + (asleep ? -7 : 4) + generator.normal(mean: 0, deviation: 4))
            .rounded().clamped(to: 35...190)

        func reading(_ type: VitalType, _ value: Double, _ original: String, _ unit: String?) -> Reading {
            Reading(
                patientID: patientID, deviceID: devices[kind], type: type, value: value, originalValue: original,
                originalUnit: unit, measuredAt: Date(millisecondsSince1970: measuredAt),
                receivedAt: Date(millisecondsSince1970: receivedAt), messageID: messageID)
        }

        switch kind {
        case .wearable:
            let breaths = (respiratoryRate + (asleep ? -2 : 0) + generator.normal(mean: 0, deviation: 1.5))
                .rounded().clamped(to: 8...40)
            let steps = asleep ? Double(Int.random(in: 0...15, using: &generator))
                : Double(Int.random(in: 0...900, using: &generator))
            return [
                reading(.heartRate, heartRate, Self.integer(heartRate), "{beats}/min"),
                reading(.respiratoryRate, breaths, Self.integer(breaths), "{breaths}/min"),
                reading(.steps, steps, Self.integer(steps), "{steps}"),
            ]
        case .pulseOximeter:
            let saturation = (spo2 + generator.normal(mean: 0, deviation: 1)).rounded().clamped(to: 80...100)
            return [
                reading(.heartRate, heartRate, Self.integer(heartRate), "/min"),
                reading(.spo2, saturation, Self.integer(saturation), "%"),
            ]
        case .bloodPressureCuff:
            let high = (systolic + generator.normal(mean: 0, deviation: 8)).rounded().clamped(to: 80...230)
            let low = (diastolic + generator.normal(mean: 0, deviation: 6)).rounded().clamped(to: 45...130)
            return [
                reading(.systolic, high, Self.integer(high), "mm[Hg]"),
                reading(.diastolic, low, Self.integer(low), "mm[Hg]"),
                reading(.heartRate, heartRate, Self.integer(heartRate), "/min"),
            ]
        case .thermometer:
            let celsius = temperature + generator.normal(mean: 0, deviation: 0.3)
            if usesImperialUnits {
                let fahrenheit = Self.oneDecimal(celsius * 9 / 5 + 32)
                return [reading(.bodyTemperature, (fahrenheit - 32) * 5 / 9, String(fahrenheit), "[degF]")]
            }
            let rounded = Self.oneDecimal(celsius)
            return [reading(.bodyTemperature, rounded, String(rounded), "Cel")]
        case .scale:
            let kilograms = weight + generator.normal(mean: 0, deviation: 0.4)
            if usesImperialUnits {
                let pounds = Self.oneDecimal(kilograms / 0.45359237)
                return [reading(.bodyWeight, pounds * 0.45359237, String(pounds), "[lb_av]")]
            }
            let rounded = Self.oneDecimal(kilograms)
            return [reading(.bodyWeight, rounded, String(rounded), "kg")]
        case .glucometer:
            let milligrams = (glucose + generator.normal(mean: 0, deviation: 20)).clamped(to: 50...400)
            if usesMillimoles {
                let millimoles = Self.oneDecimal(milligrams / 18.016)
                return [reading(.bloodGlucose, millimoles * 18.016, String(millimoles), "mmol/L")]
            }
            let rounded = milligrams.rounded()
            return [reading(.bloodGlucose, rounded, Self.integer(rounded), "mg/dL")]
        }
    }

    /// A whole number as a device prints it: `72`.
    private static func integer(_ value: Double) -> String { String(Int(value)) }

    /// The value rounded to one decimal place.
    private static func oneDecimal(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
