/// One virtual device: which patient it belongs to, what it measures, and
/// the identifier it uses with Vigil.
public struct SimulatedDevice: Sendable, Hashable {
    /// Its position in the plan; seeds its random numbers.
    public let index: Int
    /// The IoT Hub device id.
    public let deviceID: String
    /// The position of its patient in the plan.
    public let patientIndex: Int
    /// Its patient's profile.
    public let profile: SimulatedProfile
    /// What it measures, and when.
    public let kind: SimulatedDeviceKind
    /// Whether it reports in imperial or alternative units (°F, lb, mmol/L).
    public let usesAlternativeUnits: Bool

    public init(
        index: Int, deviceID: String, patientIndex: Int, profile: SimulatedProfile, kind: SimulatedDeviceKind,
        usesAlternativeUnits: Bool = false
    ) {
        self.index = index
        self.deviceID = deviceID
        self.patientIndex = patientIndex
        self.profile = profile
        self.kind = kind
        self.usesAlternativeUnits = usesAlternativeUnits
    }
}
