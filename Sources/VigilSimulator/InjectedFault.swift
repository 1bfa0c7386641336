import VigilCore

/// A deliberately bad reading the simulator adds to a message, and the
/// quarantine reason Vigil must give it.
public enum InjectedFault: String, Sendable, Codable, CaseIterable {
    /// A pulse of 400/min: outside the plausible range.
    case implausibleHeartRate
    /// A temperature in an unknown unit.
    case unknownUnit
    /// A reading of a type Vigil does not know.
    case unknownType
    /// A blood pressure whose diastolic is not below its systolic.
    case diastolicAboveSystolic
    /// A reading timed a year after it was measured (a device clock set wrong),
    /// so it is in the future however late the message is sent.
    case timeInFuture

    /// The quarantine reason Vigil gives the reading.
    public var expectedReason: ReadingRejection.Reason {
        switch self {
        case .implausibleHeartRate: .implausibleValue
        case .unknownUnit: .unknownUnit
        case .unknownType: .unknownType
        case .diastolicAboveSystolic: .diastolicNotBelowSystolic
        case .timeInFuture: .timeInFuture
        }
    }
}
