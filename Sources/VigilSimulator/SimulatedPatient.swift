/// One virtual patient: a profile, a display name for the demo, and devices.
public struct SimulatedPatient: Sendable, Hashable {
    public let index: Int
    public let profile: SimulatedProfile
    /// A made-up name for the demo ward (never a real person).
    public let displayName: String
    public let devices: [SimulatedDevice]
}
