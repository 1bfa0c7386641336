import Foundation
import VigilAnalytics
import VigilCore

/// How the dashboard shows a vital sign: short name, value with unit, and
/// the NEWS2 sub-score its value earns (for the parameters NEWS2 scores).
enum VitalDisplay {
    /// The vital signs a worklist row shows, in NEWS2 chart order.
    static let worklistTypes: [VitalType] = [.respiratoryRate, .spo2, .systolic, .heartRate, .bodyTemperature]

    /// A short label, such as "HR".
    static func shortName(_ type: VitalType) -> String {
        switch type {
        case .heartRate: "HR"
        case .respiratoryRate: "RR"
        case .spo2: "SpO₂"
        case .bodyTemperature: "Temp"
        case .systolic: "Sys BP"
        case .diastolic: "Dia BP"
        case .bodyWeight: "Weight"
        case .bloodGlucose: "Glucose"
        case .inhaledOxygenFlow: "O₂ flow"
        case .supplementalOxygen: "O₂"
        case .consciousness: "ACVPU"
        case .steps: "Steps"
        case .news2Score: "NEWS2"
        }
    }

    /// The unit as people write it.
    static func unit(_ type: VitalType) -> String {
        switch type.canonicalUnit {
        case "mm[Hg]": " mmHg"
        case "Cel": " °C"
        case "%": "%"
        case "/min": "/min"
        case "{score}", nil: ""
        case let unit?: " " + unit
        }
    }

    /// A value with its unit, such as "37.8 °C" or "A" for consciousness.
    static func format(_ value: Double, type: VitalType) -> String {
        switch type.valueKind {
        case .flag: return value > 0 ? "yes" : "no"
        case .acvpu: return Consciousness(ordinal: value)?.rawValue ?? number(value)
        case .quantity: return number(value) + unit(type)
        }
    }

    /// A number with at most one decimal.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    /// The NEWS2 sub-score (0–3) of a value, or nil for types NEWS2 does not score.
    static func subScore(_ type: VitalType, _ value: Double, scale: NEWS2Scale, oxygen: OxygenStatus) -> Int? {
        switch type {
        case .respiratoryRate: NEWS2Chart.respirationRateScore(value)
        case .spo2: NEWS2Chart.oxygenSaturationScore(value, scale: scale, oxygen: oxygen)
        case .systolic: NEWS2Chart.systolicScore(value)
        case .heartRate: NEWS2Chart.pulseScore(value)
        case .bodyTemperature: NEWS2Chart.temperatureScore(value)
        case .consciousness: Consciousness(ordinal: value).map(NEWS2Chart.consciousnessScore)
        default: nil
        }
    }

    /// The CSS class of a NEWS2 total: 0, 1–4, 5–6, 7 and over.
    static func totalClass(_ total: Int) -> String {
        switch total {
        case ..<1: "s0"
        case 1...4: "s1"
        case 5...6: "s2"
        default: "s3"
        }
    }
}
