/// Why a clinician's step on an alert is not possible in its current state.
/// Carries no PHI.
public struct AlertTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable reason.
    public enum Code: String, Sendable, Hashable {
        /// Only an open alert can be acknowledged.
        case notOpen = "alert_not_open"
        /// A resolved alert cannot change.
        case alreadyResolved = "alert_already_resolved"
    }

    public let code: Code

    public init(_ code: Code) { self.code = code }

    public var description: String { code.rawValue }
}
