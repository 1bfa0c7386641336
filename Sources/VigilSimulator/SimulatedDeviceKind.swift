/// A home device and its habit: when its owner takes a measurement.
public enum SimulatedDeviceKind: String, Sendable, Codable, CaseIterable {
    /// A blood-pressure cuff (systolic, diastolic, pulse), morning and evening.
    case bloodPressureCuff = "cuff"
    /// A pulse oximeter (SpO2, pulse), three times a day.
    case pulseOximeter = "oximeter"
    /// A scale (weight), every morning.
    case scale
    /// A thermometer (temperature), morning and evening.
    case thermometer
    /// A glucometer (blood glucose), before meals and at bedtime.
    case glucometer
    /// A wearable patch (pulse, breathing rate, SpO2, temperature, steps), every minute.
    case wearable

    /// When the device measures.
    public var habit: MeasurementHabit {
        switch self {
        case .bloodPressureCuff: .timesOfDay([8 * 60, 20 * 60])
        case .pulseOximeter: .timesOfDay([8 * 60 + 5, 14 * 60, 20 * 60 + 5])
        case .scale: .timesOfDay([7 * 60 + 30])
        case .thermometer: .timesOfDay([8 * 60 + 15, 20 * 60 + 15])
        case .glucometer: .timesOfDay([7 * 60, 12 * 60, 18 * 60, 22 * 60])
        case .wearable: .every(seconds: 60)
        }
    }
}

/// When a device takes its measurements.
public enum MeasurementHabit: Sendable, Hashable {
    /// At these minutes after midnight (UTC), each with a few minutes' jitter.
    case timesOfDay([Int])
    /// At a fixed interval, aligned to the epoch.
    case every(seconds: Int)
}
