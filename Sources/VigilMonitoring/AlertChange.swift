import VigilCore

/// An alert as it is after one lifecycle step, and what the step was.
public struct AlertChange: Sendable, Hashable {
    /// What happened to an alert.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Raised for the first time (event `alert.created`).
        case created
        /// Fired again, possibly worse (event `alert.updated`).
        case updated
        /// Not acknowledged in time (event `alert.escalated`).
        case escalated
        /// Taken on by a clinician (event `alert.acknowledged`).
        case acknowledged
        /// Closed (event `alert.resolved`).
        case resolved

        /// The live event type, such as `alert.created`.
        public var eventType: String { "alert.\(rawValue)" }
    }

    /// The alert after the step (its version is the one it was read at until saved).
    public var alert: Alert
    public var kind: Kind
    /// For `updated`: whether the severity rose.
    public var worsened: Bool

    public init(alert: Alert, kind: Kind, worsened: Bool = false) {
        self.alert = alert
        self.kind = kind
        self.worsened = worsened
    }
}
