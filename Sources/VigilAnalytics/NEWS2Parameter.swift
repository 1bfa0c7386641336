import VigilCore

/// One of the seven parameters of the NEWS2 chart.
public enum NEWS2Parameter: String, Codable, Sendable, CaseIterable, Hashable {
    /// Respiration rate, breaths per minute.
    case respirationRate
    /// Oxygen saturation (SpO2), percent, on scale 1 or scale 2.
    case oxygenSaturation
    /// Air or supplemental oxygen.
    case supplementalOxygen
    /// Systolic blood pressure, mmHg.
    case systolicBloodPressure
    /// Pulse, beats per minute.
    case pulse
    /// Level of consciousness (ACVPU).
    case consciousness
    /// Temperature, °C.
    case temperature

    /// Whether a missing value is taken from the patient's baseline (and marked
    /// *assumed*) rather than left out (which makes the score *partial*).
    ///
    /// True for supplemental oxygen and consciousness, which are states rather
    /// than measurements.
    public var isAssumedWhenMissing: Bool {
        self == .supplementalOxygen || self == .consciousness
    }

    /// The vital type Vigil stores this parameter as (supplemental oxygen is also
    /// read from `inhaledOxygenFlow`).
    public var vitalType: VitalType {
        switch self {
        case .respirationRate: .respiratoryRate
        case .oxygenSaturation: .spo2
        case .supplementalOxygen: .supplementalOxygen
        case .systolicBloodPressure: .systolic
        case .pulse: .heartRate
        case .consciousness: .consciousness
        case .temperature: .bodyTemperature
        }
    }

    /// The parameter at `position` (0–6) in chart order, as `allCases` lists them.
    init(chartPosition position: Int) {
        switch position {
        case 0: self = .respirationRate
        case 1: self = .oxygenSaturation
        case 2: self = .supplementalOxygen
        case 3: self = .systolicBloodPressure
        case 4: self = .pulse
        case 5: self = .consciousness
        default: self = .temperature
        }
    }

    /// The parameter's bit in a `NEWS2ParameterSet`: 1 shifted by its chart position.
    @inlinable var bit: UInt8 {
        switch self {
        case .respirationRate: 1 << 0
        case .oxygenSaturation: 1 << 1
        case .supplementalOxygen: 1 << 2
        case .systolicBloodPressure: 1 << 3
        case .pulse: 1 << 4
        case .consciousness: 1 << 5
        case .temperature: 1 << 6
        }
    }
}
