import Foundation
import VigilCore

/// One rule found firing for a patient at one evaluation: what the alert
/// lifecycle turns into a new alert or an update of the active one.
public struct AlertFiring: Sendable, Hashable {
    /// The deduplication key with the patient, such as `news2` or `no-data.heartRate`.
    public var ruleID: String
    /// A short label without PHI.
    public var title: String
    public var severity: AlertSeverity
    /// When the evidence was measured; a firing no newer than the alert's
    /// `lastFiredAt` is not a new occurrence.
    public var evidenceAt: Date
    /// The values that fired it, as a JSON object.
    public var details: Data

    public init(ruleID: String, title: String, severity: AlertSeverity, evidenceAt: Date, details: Data) {
        self.ruleID = ruleID
        self.title = title
        self.severity = severity
        self.evidenceAt = evidenceAt.truncatedToMilliseconds
        self.details = details
    }
}
