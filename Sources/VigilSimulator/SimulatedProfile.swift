import VigilCore

/// The kind of patient a simulated device belongs to: it decides the
/// patient's baseline vital signs, their trend, their conditions and which
/// devices they use at home.
public enum SimulatedProfile: String, Sendable, Codable, CaseIterable {
    /// No chronic condition; normal vital signs.
    case healthy
    /// Raised blood pressure, higher in the morning.
    case hypertensive
    /// Heart failure, retaining fluid: weight rises about 0.4 kg a day.
    case heartFailure
    /// COPD: lower oxygen saturation and faster breathing; NEWS2 scale 2.
    case copd
    /// Diabetes: blood glucose that rises after meals.
    case diabetic
    /// Deteriorating toward sepsis: heart and breathing rates and temperature
    /// rise while oxygen saturation and blood pressure fall, then confusion.
    case sepsis

    /// The chronic conditions to record for the patient (they enable rule presets).
    public var conditions: [Condition] {
        switch self {
        case .healthy, .sepsis: []
        case .hypertensive: [.hypertension]
        case .heartFailure: [.heartFailure]
        case .copd: [.copd]
        case .diabetic: [.diabetes]
        }
    }

    /// The NEWS2 oxygen scale a clinician would choose.
    public var news2Scale: NEWS2Scale { self == .copd ? .scale2 : .scale1 }

    /// The devices the patient uses.
    public var devices: [SimulatedDeviceKind] {
        switch self {
        case .healthy: [.bloodPressureCuff, .pulseOximeter]
        case .hypertensive: [.bloodPressureCuff, .scale]
        case .heartFailure: [.bloodPressureCuff, .scale, .pulseOximeter]
        case .copd: [.pulseOximeter, .thermometer, .wearable]
        case .diabetic: [.glucometer, .bloodPressureCuff, .scale]
        case .sepsis: [.wearable, .bloodPressureCuff]
        }
    }
}
