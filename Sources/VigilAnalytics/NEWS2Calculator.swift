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
    ///
    /// Inlinable, like everything it calls, so a caller in another module
    /// (the monitors, the benchmark) compiles it in place and drops the parts
    /// of the result it never reads.
    @inlinable @inline(__always)
    public func score(_ observations: NEWS2Observations) -> NEWS2Score {
        var missing = NEWS2ParameterSet()
        var assumed = NEWS2ParameterSet()
        if observations.oxygen == nil { assumed.insert(.supplementalOxygen) }
        if observations.consciousness == nil { assumed.insert(.consciousness) }
        let oxygen = observations.oxygen ?? baselineOxygen
        let consciousness = observations.consciousness ?? baselineConsciousness

        /// The points `band` gives a finite `value`; without one, 0 and
        /// `parameter` is missing.
        func points(_ parameter: NEWS2Parameter, _ value: Double?, _ band: (Double) -> Int) -> Int {
            guard let value, value.isFinite else {
                missing.insert(parameter)
                return 0
            }
            return band(value)
        }

        let respiration = points(.respirationRate, observations.respirationRate, NEWS2Chart.respirationRateScore)
        let saturation = points(.oxygenSaturation, observations.oxygenSaturation) { [scale] in
            NEWS2Chart.oxygenSaturationScore($0, scale: scale, oxygen: oxygen)
        }
        let onOxygen = NEWS2Chart.supplementalOxygenScore(oxygen)
        let systolic = points(.systolicBloodPressure, observations.systolicBloodPressure, NEWS2Chart.systolicScore)
        let pulse = points(.pulse, observations.pulse, NEWS2Chart.pulseScore)
        let acvpu = NEWS2Chart.consciousnessScore(consciousness)
        let temperature = points(.temperature, observations.temperature, NEWS2Chart.temperatureScore)
        // Total and "any 3" straight from the points, a missing parameter's 0
        // included. A sub-score (0–3) is 3 exactly when both its bits are set:
        // bit arithmetic rather than comparisons, which the compiler would
        // turn into a chain of unpredictable branches.
        let threes =
            respiration & respiration >> 1 | saturation & saturation >> 1 | onOxygen & onOxygen >> 1
            | systolic & systolic >> 1 | pulse & pulse >> 1 | acvpu & acvpu >> 1 | temperature & temperature >> 1
        return NEWS2Score(
            total: respiration + saturation + onOxygen + systolic + pulse + acvpu + temperature,
            singleThreeBit: threes & 1,
            subScores: NEWS2SubScores(
                respiration: respiration, saturation: saturation, oxygen: onOxygen, systolic: systolic, pulse: pulse,
                consciousness: acvpu, temperature: temperature, missing: missing),
            missing: missing, assumed: assumed, scale: scale)
    }

    /// The score of the observation set `readings` give at `now` (see
    /// `NEWS2Observations.init(latestOf:at:window:)`).
    public func score(
        latestOf readings: some Sequence<Reading>, at now: Date, window: TimeInterval = NEWS2Observations.defaultWindow
    ) -> NEWS2Score {
        score(NEWS2Observations(latestOf: readings, at: now, window: window))
    }
}
