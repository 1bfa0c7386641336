/// The NEWS2 sub-score (0–3) of each parameter; `nil` for a measured parameter
/// that was missing and so not scored.
///
/// Parameters taken from the patient's baseline (oxygen, consciousness) have a
/// sub-score like measured ones. Encodes as a JSON object keyed by parameter
/// name, without the missing ones.
public struct NEWS2SubScores: Sendable, Hashable, Codable {
    // One byte per parameter in chart order; -1 means not scored. Internal
    // rather than private, so that the inlinable initializer may set them.
    @usableFromInline var respiration: Int8 = -1
    @usableFromInline var saturation: Int8 = -1
    @usableFromInline var oxygen: Int8 = -1
    @usableFromInline var systolic: Int8 = -1
    @usableFromInline var heart: Int8 = -1
    @usableFromInline var acvpu: Int8 = -1
    @usableFromInline var temp: Int8 = -1

    /// Sub-scores as scored; the parameters in `missing` are not scored.
    @inlinable init(
        respiration: Int, saturation: Int, oxygen: Int, systolic: Int, pulse: Int, consciousness: Int,
        temperature: Int, missing: NEWS2ParameterSet
    ) {
        /// `points` as stored: -1 when `parameter` is missing.
        func stored(_ parameter: NEWS2Parameter, _ points: Int) -> Int8 {
            missing.contains(parameter) ? -1 : Int8(truncatingIfNeeded: points)
        }
        self.respiration = stored(.respirationRate, respiration)
        self.saturation = stored(.oxygenSaturation, saturation)
        self.oxygen = stored(.supplementalOxygen, oxygen)
        self.systolic = stored(.systolicBloodPressure, systolic)
        self.heart = stored(.pulse, pulse)
        self.acvpu = stored(.consciousness, consciousness)
        self.temp = stored(.temperature, temperature)
    }

    /// Sub-scores as given; `nil` means not scored.
    public init(
        respirationRate: Int? = nil, oxygenSaturation: Int? = nil, supplementalOxygen: Int? = nil,
        systolicBloodPressure: Int? = nil, pulse: Int? = nil, consciousness: Int? = nil, temperature: Int? = nil
    ) {
        self[.respirationRate] = respirationRate
        self[.oxygenSaturation] = oxygenSaturation
        self[.supplementalOxygen] = supplementalOxygen
        self[.systolicBloodPressure] = systolicBloodPressure
        self[.pulse] = pulse
        self[.consciousness] = consciousness
        self[.temperature] = temperature
    }

    /// The sub-score of `parameter`, or `nil` when it was not scored.
    public subscript(parameter: NEWS2Parameter) -> Int? {
        get {
            let stored = storage(parameter)
            return stored < 0 ? nil : Int(stored)
        }
        set {
            let stored = newValue.map { Int8(clamping: $0) } ?? -1
            switch parameter {
            case .respirationRate: respiration = stored
            case .oxygenSaturation: saturation = stored
            case .supplementalOxygen: oxygen = stored
            case .systolicBloodPressure: systolic = stored
            case .pulse: heart = stored
            case .consciousness: acvpu = stored
            case .temperature: temp = stored
            }
        }
    }

    /// The highest sub-score of any parameter, 0 when none was scored.
    @inline(__always)
    public var highest: Int {
        Int(max(respiration, saturation, oxygen, systolic, heart, acvpu, temp, 0))
    }

    private func storage(_ parameter: NEWS2Parameter) -> Int8 {
        switch parameter {
        case .respirationRate: respiration
        case .oxygenSaturation: saturation
        case .supplementalOxygen: oxygen
        case .systolicBloodPressure: systolic
        case .pulse: heart
        case .consciousness: acvpu
        case .temperature: temp
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for parameter in NEWS2Parameter.allCases {
            self[parameter] = try container.decodeIfPresent(Int.self, forKey: Key(stringValue: parameter.rawValue))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for parameter in NEWS2Parameter.allCases {
            try container.encodeIfPresent(self[parameter], forKey: Key(stringValue: parameter.rawValue))
        }
    }
}
