import Foundation

/// Turns a patient's expected vital signs into the readings one device
/// sends at one moment: measurement noise, the device's units and rounding,
/// and values kept inside what such a device can display.
struct ReadingSynthesizer {
    let device: SimulatedDevice

    /// The JSON reading objects of one measurement, and how many readings they hold.
    func readings(
        _ vitals: PatientPhysiology.Vitals, at time: Date?, random: inout SimulationRandom
    ) -> (json: [String], count: Int) {
        let timeField = time.map { #","time":"\#(Self.timestamp($0))""# } ?? ""
        func quantity(_ type: String, _ value: String, unit: String? = nil) -> String {
            let unitField = unit.map { #","unit":"\#($0)""# } ?? ""
            return #"{"type":"\#(type)","value":\#(value)\#(unitField)\#(timeField)}"#
        }
        let pulse = Self.integer(vitals.heartRate + random.normal(deviation: 3), in: 30...220)
        switch device.kind {
        case .bloodPressureCuff:
            let systolic = Self.integer(vitals.systolic + random.normal(deviation: 6), in: 60...260)
            let diastolic = Self.integer(vitals.diastolic + random.normal(deviation: 4), in: 30...(systolic - 10))
            return (
                [
                    #"{"type":"bloodPressure","systolic":\#(systolic),"diastolic":\#(diastolic),"unit":"mm[Hg]"\#(timeField)}"#,
                    quantity("heartRate", "\(pulse)"),
                ], 3
            )
        case .pulseOximeter:
            let saturation = Self.integer(vitals.spo2 + random.normal(deviation: 0.8), in: 70...100)
            return ([quantity("spo2", "\(saturation)", unit: "%"), quantity("heartRate", "\(pulse)")], 2)
        case .scale:
            let kilograms = vitals.weight + random.normal(deviation: 0.3)
            if device.usesAlternativeUnits {
                let pounds = Self.oneDecimal(kilograms / 0.45359237)
                return ([#"{"code":"29463-7","value":\#(pounds),"unit":"[lb_av]"\#(timeField)}"#], 1)
            }
            return ([quantity("bodyWeight", "\(Self.oneDecimal(kilograms))", unit: "kg")], 1)
        case .thermometer:
            let celsius = min(42.5, max(34, vitals.temperature + random.normal(deviation: 0.15)))
            if device.usesAlternativeUnits {
                return ([quantity("bodyTemperature", "\(Self.oneDecimal(celsius * 9 / 5 + 32))", unit: "[degF]")], 1)
            }
            return ([quantity("bodyTemperature", "\(Self.oneDecimal(celsius))", unit: "Cel")], 1)
        case .glucometer:
            let milligrams = min(600, max(40, vitals.glucose + random.normal(deviation: 12)))
            if device.usesAlternativeUnits {
                return ([quantity("bloodGlucose", "\(Self.oneDecimal(milligrams / 18.016))", unit: "mmol/L")], 1)
            }
            return ([quantity("bloodGlucose", "\(Int(milligrams.rounded()))", unit: "mg/dL")], 1)
        case .wearable:
            let hour = PatientPhysiology.hourOfDay(time ?? Date())
            let asleep = hour < 6 || hour >= 23
            let breaths = Self.integer(vitals.respiratoryRate + random.normal(deviation: 1), in: 6...50)
            let saturation = Self.integer(vitals.spo2 + random.normal(deviation: 0.6), in: 70...100)
            let celsius = Self.oneDecimal(min(42.5, max(34, vitals.temperature + random.normal(deviation: 0.1))))
            let steps = Int(random.unit() * (asleep ? 4 : 110))
            return (
                [
                    quantity("heartRate", "\(pulse)"), quantity("respiratoryRate", "\(breaths)"),
                    quantity("spo2", "\(saturation)", unit: "%"), quantity("bodyTemperature", "\(celsius)", unit: "Cel"),
                    quantity("steps", "\(steps)"),
                ], 5
            )
        }
    }

    /// A bad reading of the given kind, as JSON.
    static func faulty(_ fault: InjectedFault, measuredAt: Date) -> String {
        switch fault {
        case .implausibleHeartRate:
            #"{"type":"heartRate","value":400}"#
        case .unknownUnit:
            #"{"type":"bodyTemperature","value":37.1,"unit":"[degR]"}"#
        case .unknownType:
            #"{"type":"moodScore","value":3}"#
        case .diastolicAboveSystolic:
            #"{"type":"bloodPressure","systolic":82,"diastolic":95,"unit":"mm[Hg]"}"#
        case .timeInFuture:
            #"{"type":"heartRate","value":72,"time":"\#(timestamp(measuredAt.addingTimeInterval(365 * 86_400)))"}"#
        }
    }

    /// ISO 8601 with milliseconds and `Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    private static func integer(_ value: Double, in range: ClosedRange<Int>) -> Int {
        min(range.upperBound, max(range.lowerBound, Int(value.rounded())))
    }

    private static func oneDecimal(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
