import Foundation

/// A patient's expected vital signs at a moment: baseline for the profile,
/// a personal offset, diurnal variation and the profile's trend. Measurement
/// noise is added per reading by ``ReadingSynthesizer``.
public struct PatientPhysiology: Sendable, Hashable {
    /// Expected values at one moment, in canonical units.
    public struct Vitals: Sendable, Hashable {
        /// Pulse, /min.
        public var heartRate: Double
        /// Breaths per minute.
        public var respiratoryRate: Double
        /// Oxygen saturation, %.
        public var spo2: Double
        /// Body temperature, °C.
        public var temperature: Double
        /// Systolic blood pressure, mm Hg.
        public var systolic: Double
        /// Diastolic blood pressure, mm Hg.
        public var diastolic: Double
        /// Body weight, kg.
        public var weight: Double
        /// Blood glucose, mg/dL.
        public var glucose: Double
        /// ACVPU: `A` (alert) or `C` (new confusion).
        public var consciousness: String
    }

    /// The kind of patient.
    public let profile: SimulatedProfile
    private let baseline: Vitals
    private let deterioration: Deterioration
    private let trendStart: Date

    /// - Parameters:
    ///   - personalSeed: picks the patient's own offsets from the profile's baseline.
    ///   - deterioration: when a `sepsis` patient deteriorates (ignored for other profiles).
    ///   - trendStart: when slow trends (heart-failure weight gain) begin.
    public init(profile: SimulatedProfile, personalSeed: UInt64, deterioration: Deterioration, trendStart: Date) {
        self.profile = profile
        self.deterioration = deterioration
        self.trendStart = trendStart
        var random = SimulationRandom(seed: personalSeed, device: -1, slot: 0)
        var base = Self.baseline(profile)
        base.heartRate += random.normal(deviation: 4)
        base.respiratoryRate += random.normal(deviation: 1)
        base.systolic += random.normal(deviation: 6)
        base.diastolic += random.normal(deviation: 4)
        base.weight += random.normal(deviation: 12)
        base.temperature += random.normal(deviation: 0.15)
        base.glucose += random.normal(deviation: 8)
        baseline = base
    }

    /// The expected values at `time`.
    public func vitals(at time: Date) -> Vitals {
        var vitals = baseline
        let hour = Self.hourOfDay(time)
        let asleep = hour < 6 || hour >= 23
        // Pulse and breathing slow at night; temperature peaks late afternoon;
        // blood pressure surges in the morning.
        vitals.heartRate += asleep ? -8 : 3 * Foundation.sin((hour - 10) / 24 * 2 * .pi)
        vitals.respiratoryRate += asleep ? -1.5 : 0
        vitals.temperature += 0.3 * Foundation.sin((hour - 12) / 24 * 2 * .pi)
        let surge = Foundation.exp(-Foundation.pow((hour - 8) / 2.5, 2))
        vitals.systolic += (profile == .hypertensive ? 12 : 6) * surge - (asleep ? 8 : 0)
        vitals.diastolic += 4 * surge - (asleep ? 5 : 0)
        switch profile {
        case .heartFailure:
            let days = max(0, time.timeIntervalSince(trendStart) / 86_400)
            vitals.weight += 0.4 * days
            vitals.respiratoryRate += 0.3 * days
        case .diabetic:
            // After a meal (lunch, dinner) and at bedtime glucose runs higher.
            if (12.5..<15).contains(hour) || (18.5..<22.5).contains(hour) { vitals.glucose += 55 }
        case .sepsis:
            let progress = deterioration.progress(at: time)
            vitals.heartRate += 50 * progress
            vitals.respiratoryRate += 14 * progress
            vitals.spo2 -= 7 * progress
            vitals.temperature += 2.4 * progress
            vitals.systolic -= 38 * progress
            vitals.diastolic -= 20 * progress
            if progress > 0.85 { vitals.consciousness = "C" }
        case .healthy, .hypertensive, .copd:
            break
        }
        return vitals
    }

    /// Hours since UTC midnight, with fractions.
    static func hourOfDay(_ time: Date) -> Double {
        let seconds = time.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400)
        return (seconds < 0 ? seconds + 86_400 : seconds) / 3600
    }

    private static func baseline(_ profile: SimulatedProfile) -> Vitals {
        switch profile {
        case .healthy:
            Vitals(
                heartRate: 68, respiratoryRate: 14, spo2: 97.5, temperature: 36.8, systolic: 122, diastolic: 78,
                weight: 74, glucose: 95, consciousness: "A")
        case .hypertensive:
            Vitals(
                heartRate: 74, respiratoryRate: 15, spo2: 97, temperature: 36.8, systolic: 156, diastolic: 96,
                weight: 88, glucose: 100, consciousness: "A")
        case .heartFailure:
            Vitals(
                heartRate: 82, respiratoryRate: 17, spo2: 95, temperature: 36.7, systolic: 114, diastolic: 70,
                weight: 82, glucose: 105, consciousness: "A")
        case .copd:
            Vitals(
                heartRate: 88, respiratoryRate: 20, spo2: 90.5, temperature: 36.9, systolic: 132, diastolic: 80,
                weight: 64, glucose: 100, consciousness: "A")
        case .diabetic:
            Vitals(
                heartRate: 76, respiratoryRate: 15, spo2: 97, temperature: 36.8, systolic: 136, diastolic: 84,
                weight: 96, glucose: 145, consciousness: "A")
        case .sepsis:
            Vitals(
                heartRate: 76, respiratoryRate: 15, spo2: 96.8, temperature: 36.9, systolic: 126, diastolic: 76,
                weight: 70, glucose: 110, consciousness: "A")
        }
    }
}
