import Foundation
import VigilAnalytics
import VigilCore

/// Shared test values: a fixed "now", time spans and reading builders.
enum Fixtures {
    /// 2027-01-15T08:00:00Z, a whole second.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// The one patient every test reading belongs to.
    static let patientID = PatientID("patient-under-test")

    /// A reading of `type` measured at `time`.
    static func reading(_ type: VitalType, _ value: Double, at time: Date) -> Reading {
        Reading(
            patientID: patientID, deviceID: DeviceID("device-1"), type: type, value: value, measuredAt: time,
            receivedAt: time)
    }

    /// A reading of `type` measured `ago` seconds before `now`.
    static func reading(_ type: VitalType, _ value: Double, ago: TimeInterval) -> Reading {
        reading(type, value, at: now.addingTimeInterval(-ago))
    }

    /// One reading of `type` per value, the last `ago` seconds before `now`,
    /// each `spacing` seconds after the one before.
    static func series(_ type: VitalType, _ values: [Double], endingAgo ago: TimeInterval = 0, spacing: TimeInterval)
        -> [Reading]
    {
        values.enumerated().map { index, value in
            reading(type, value, ago: ago + Double(values.count - 1 - index) * spacing)
        }
    }
}

/// Seconds in `count` minutes.
func minutes(_ count: Double) -> TimeInterval { count * 60 }
/// Seconds in `count` hours.
func hours(_ count: Double) -> TimeInterval { count * 3_600 }
/// Seconds in `count` days.
func days(_ count: Double) -> TimeInterval { count * 86_400 }

extension NEWS2Calculator {
    /// The sub-score one value of `parameter` gets on this calculator, scored alone.
    func subScore(_ parameter: NEWS2Parameter, _ value: Double, oxygen: OxygenStatus? = nil) -> Int? {
        var observations = NEWS2Observations(oxygen: oxygen)
        switch parameter {
        case .respirationRate: observations.respirationRate = value
        case .oxygenSaturation: observations.oxygenSaturation = value
        case .systolicBloodPressure: observations.systolicBloodPressure = value
        case .pulse: observations.pulse = value
        case .temperature: observations.temperature = value
        case .supplementalOxygen, .consciousness: return nil
        }
        return score(observations).subScores[parameter]
    }
}
