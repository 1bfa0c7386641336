import VigilCore

/// One NEWS2 observation set: the seven chart parameters, each optional.
///
/// A plain value with no references, so building and scoring one never allocates.
public struct NEWS2Observations: Sendable, Hashable, Codable {
    /// Respiration rate, breaths per minute.
    public var respirationRate: Double?
    /// SpO2, percent.
    public var oxygenSaturation: Double?
    /// Air or supplemental oxygen; when `nil` the patient's baseline is assumed.
    public var oxygen: OxygenStatus?
    /// Systolic blood pressure, mmHg.
    public var systolicBloodPressure: Double?
    /// Pulse, beats per minute.
    public var pulse: Double?
    /// ACVPU level; when `nil` the patient's baseline is assumed.
    public var consciousness: Consciousness?
    /// Temperature, °C.
    public var temperature: Double?

    /// An observation set; parameters left out are missing.
    public init(
        respirationRate: Double? = nil, oxygenSaturation: Double? = nil, oxygen: OxygenStatus? = nil,
        systolicBloodPressure: Double? = nil, pulse: Double? = nil, consciousness: Consciousness? = nil,
        temperature: Double? = nil
    ) {
        self.respirationRate = respirationRate
        self.oxygenSaturation = oxygenSaturation
        self.oxygen = oxygen
        self.systolicBloodPressure = systolicBloodPressure
        self.pulse = pulse
        self.consciousness = consciousness
        self.temperature = temperature
    }
}
