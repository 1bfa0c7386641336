import Foundation
import VigilCore

/// Scores NEWS2 observation sets for one patient (Royal College of Physicians, 2017).
///
/// A pure function of its input: no I/O, no clock, no allocation while scoring.
///
/// **Between-band rule.** Each value is first rounded to the chart's precision —
/// temperature to 0.1 °C, every other parameter to a whole number — with halves
/// rounded away from zero; the rounded value is then looked up in the chart
/// (see `NEWS2Chart`). Examples: 38.05 °C → 38.1 → 1; 38.04 °C → 38.0 → 0;
/// 95.5 % → 96 → 0 on scale 1; 90.5 mmHg → 91 → 2; 8.5 /min → 9 → 1.
///
/// **Missing values.** Oxygen status and consciousness, when missing, are taken
/// from the patient's baseline (`baselineOxygen`, `baselineConsciousness`) and
/// listed in `NEWS2Score.assumed`. A missing measured parameter (respiration
/// rate, SpO2, systolic pressure, pulse, temperature) is not scored: the score
/// is *partial*, a lower bound, and lists it in `NEWS2Score.missing`. Non-finite
/// values count as missing. Risk levels of partial scores are those of the
/// partial total.
public struct NEWS2Calculator: Sendable, Hashable {
    /// The SpO2 scale: scale 2 only for patients with hypercapnic respiratory
    /// failure whose prescribed target is 88–92 %.
    public var scale: NEWS2Scale
    /// The oxygen status assumed when an observation set has none (default air).
    public var baselineOxygen: OxygenStatus
    /// The consciousness level assumed when an observation set has none (default alert).
    public var baselineConsciousness: Consciousness

    /// A calculator for the given scale and baseline.
    public init(
        scale: NEWS2Scale = .scale1, baselineOxygen: OxygenStatus = .air, baselineConsciousness: Consciousness = .alert
    ) {
        self.scale = scale
        self.baselineOxygen = baselineOxygen
        self.baselineConsciousness = baselineConsciousness
    }

    /// A calculator for `patient`'s scale and the given baseline.
    public init(patient: Patient, baselineOxygen: OxygenStatus = .air, baselineConsciousness: Consciousness = .alert) {
        self.init(
            scale: patient.news2Scale, baselineOxygen: baselineOxygen, baselineConsciousness: baselineConsciousness)
    }

    /// The score of one observation set.
    public func score(_ observations: NEWS2Observations) -> NEWS2Score {
        var subScores = NEWS2SubScores()
        var missing = NEWS2ParameterSet()
        var assumed = NEWS2ParameterSet()
        var total = 0

        let oxygen: OxygenStatus
        if let measured = observations.oxygen {
            oxygen = measured
        } else {
            oxygen = baselineOxygen
            assumed.insert(.supplementalOxygen)
        }
        let consciousness: Consciousness
        if let measured = observations.consciousness {
            consciousness = measured
        } else {
            consciousness = baselineConsciousness
            assumed.insert(.consciousness)
        }

        func record(_ parameter: NEWS2Parameter, _ value: Double?, _ band: (Double) -> Int) {
            guard let value, value.isFinite else {
                missing.insert(parameter)
                return
            }
            let points = band(value)
            subScores[parameter] = points
            total += points
        }

        record(.respirationRate, observations.respirationRate, NEWS2Chart.respirationRateScore)
        record(.oxygenSaturation, observations.oxygenSaturation) { [scale] in
            NEWS2Chart.oxygenSaturationScore($0, scale: scale, oxygen: oxygen)
        }
        let oxygenPoints = NEWS2Chart.supplementalOxygenScore(oxygen)
        subScores[.supplementalOxygen] = oxygenPoints
        total += oxygenPoints
        record(.systolicBloodPressure, observations.systolicBloodPressure, NEWS2Chart.systolicScore)
        record(.pulse, observations.pulse, NEWS2Chart.pulseScore)
        let consciousnessPoints = NEWS2Chart.consciousnessScore(consciousness)
        subScores[.consciousness] = consciousnessPoints
        total += consciousnessPoints
        record(.temperature, observations.temperature, NEWS2Chart.temperatureScore)

        return NEWS2Score(subScores: subScores, total: total, missing: missing, assumed: assumed, scale: scale)
    }

    /// The score of the observation set `readings` give at `now` (see
    /// `NEWS2Observations.init(latestOf:at:window:)`).
    public func score(
        latestOf readings: some Sequence<Reading>, at now: Date, window: TimeInterval = NEWS2Observations.defaultWindow
    ) -> NEWS2Score {
        score(NEWS2Observations(latestOf: readings, at: now, window: window))
    }
}
