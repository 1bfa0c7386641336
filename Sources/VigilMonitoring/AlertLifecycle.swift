import Foundation
import VigilCore

/// The alert state machine: pure functions from an alert, an input and the
/// time to the alert's next state. No I/O; the caller stores the result.
///
/// - **Firing.** Without an active alert for the rule, a firing creates one,
///   open, due to escalate after its severity's deadline. With one, a firing
///   with newer evidence counts another occurrence; a higher severity raises
///   the alert's severity (it never lowers it: the alert keeps the worst seen),
///   brings the escalation deadline forward to the new severity's, and reopens
///   an acknowledged alert so that the worsening is seen. A firing with no
///   newer evidence and no higher severity changes nothing.
/// - **Acknowledge.** Open → acknowledged; it stops escalating.
/// - **Resolve.** Open or acknowledged → resolved, by a clinician or by Vigil
///   (`by` nil) with a note.
/// - **Escalate.** An open alert past its deadline goes up one level and gets a
///   new deadline, until the maximum level.
public struct AlertLifecycle: Sendable, Hashable {
    /// Deadlines and the highest escalation level.
    public var policy: AlertPolicy

    public init(policy: AlertPolicy = AlertPolicy()) { self.policy = policy }

    /// The change a firing makes for `patient` (`nil` for an operational
    /// alert), given the active alert for its rule (if any); `nil` when it
    /// changes nothing.
    public func fire(_ firing: AlertFiring, existing: Alert?, patient: PatientID?, now: Date) -> AlertChange? {
        guard let existing, existing.isActive else {
            let alert = Alert(
                patientID: patient, ruleID: firing.ruleID, title: firing.title, severity: firing.severity,
                nextEscalationAt: now.addingTimeInterval(policy.deadline(for: firing.severity)),
                firstFiredAt: firing.evidenceAt, details: firing.details, createdAt: now)
            return AlertChange(alert: alert, kind: .created)
        }
        let isNewEvidence = firing.evidenceAt > existing.lastFiredAt
        let worsened = firing.severity > existing.severity
        guard isNewEvidence || worsened else { return nil }
        var alert = existing
        if isNewEvidence {
            alert.occurrences += 1
            alert.lastFiredAt = firing.evidenceAt
        }
        alert.details = firing.details
        if firing.severity >= existing.severity { alert.title = firing.title }
        if worsened {
            alert.severity = firing.severity
            let deadline = now.addingTimeInterval(policy.deadline(for: firing.severity)).truncatedToMilliseconds
            let canEscalate = alert.escalationLevel < policy.maximumEscalationLevel
            if alert.state == .acknowledged {
                alert.state = .open
                alert.nextEscalationAt = canEscalate ? deadline : nil
            } else {
                alert.nextEscalationAt = canEscalate ? min(alert.nextEscalationAt ?? deadline, deadline) : nil
            }
        }
        alert.updatedAt = now.truncatedToMilliseconds
        return AlertChange(alert: alert, kind: .updated, worsened: worsened)
    }

    /// Acknowledges an open alert.
    ///
    /// - Throws: `AlertTransitionError` unless the alert is open.
    public func acknowledge(_ alert: Alert, by user: UserID, note: String?, now: Date) throws(AlertTransitionError)
        -> AlertChange
    {
        guard alert.state == .open else {
            throw AlertTransitionError(alert.state == .resolved ? .alreadyResolved : .notOpen)
        }
        var alert = alert
        alert.state = .acknowledged
        alert.acknowledgedBy = user
        alert.acknowledgedAt = now.truncatedToMilliseconds
        alert.acknowledgementNote = note
        alert.nextEscalationAt = nil
        alert.updatedAt = now.truncatedToMilliseconds
        return AlertChange(alert: alert, kind: .acknowledged)
    }

    /// Resolves an active alert; `user` is nil when Vigil resolves it itself.
    ///
    /// - Throws: `AlertTransitionError` when it is resolved already.
    public func resolve(_ alert: Alert, by user: UserID?, note: String?, now: Date) throws(AlertTransitionError)
        -> AlertChange
    {
        guard alert.isActive else { throw AlertTransitionError(.alreadyResolved) }
        var alert = alert
        alert.state = .resolved
        alert.resolvedBy = user
        alert.resolvedAt = now.truncatedToMilliseconds
        alert.resolutionNote = note
        alert.nextEscalationAt = nil
        alert.updatedAt = now.truncatedToMilliseconds
        return AlertChange(alert: alert, kind: .resolved)
    }

    /// Escalates an open alert whose deadline has passed at `now`; `nil` when it is not due.
    public func escalate(_ alert: Alert, now: Date) -> AlertChange? {
        guard alert.state == .open, let due = alert.nextEscalationAt, due <= now,
            alert.escalationLevel < policy.maximumEscalationLevel
        else { return nil }
        var alert = alert
        alert.escalationLevel += 1
        alert.nextEscalationAt =
            alert.escalationLevel < policy.maximumEscalationLevel
            ? now.addingTimeInterval(policy.deadline(for: alert.severity)).truncatedToMilliseconds : nil
        alert.updatedAt = now.truncatedToMilliseconds
        return AlertChange(alert: alert, kind: .escalated)
    }
}
