/// One virtual patient: a profile, a display name for the demo, and devices.
public struct SimulatedPatient: Sendable, Hashable {
    /// Its position in the plan.
    public let index: Int
    /// The kind of patient.
    public let profile: SimulatedProfile
    /// A made-up name for the demo ward (never a real person).
    public let displayName: String
    /// The patient's devices.
    public let devices: [SimulatedDevice]
}
