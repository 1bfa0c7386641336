import Foundation
import Testing
import VigilCore
import VigilMonitoring

/// The alert state machine without I/O.
struct AlertLifecycleTests {
    static let patient = PatientID("p-1")
    static let start = Date(millisecondsSince1970: 1_800_000_000_000)
    let lifecycle = AlertLifecycle()

    static func minutes(_ count: Double) -> Date { start.addingTimeInterval(count * 60) }

    static func firing(_ severity: AlertSeverity, at minute: Double, title: String = "t") -> AlertFiring {
        AlertFiring(ruleID: "news2", title: title, severity: severity, evidenceAt: minutes(minute), details: Data("{}".utf8))
    }

    @Test func firstFiringCreatesAnOpenAlertDueAfterItsSeverityDeadline() throws {
        let change = try #require(lifecycle.fire(Self.firing(.high, at: 0), existing: nil, patient: Self.patient, now: Self.minutes(1)))
        #expect(change.kind == .created)
        #expect(change.alert.state == .open && change.alert.occurrences == 1 && change.alert.escalationLevel == 0)
        #expect(change.alert.nextEscalationAt == Self.minutes(16))
        #expect(change.alert.firstFiredAt == Self.minutes(0) && change.alert.createdAt == Self.minutes(1))
    }

    @Test func repeatWithNewEvidenceCountsAnOccurrenceAndStaleEvidenceChangesNothing() throws {
        let alert = try #require(lifecycle.fire(Self.firing(.high, at: 0), existing: nil, patient: Self.patient, now: Self.minutes(0))).alert
        #expect(lifecycle.fire(Self.firing(.high, at: 0), existing: alert, patient: Self.patient, now: Self.minutes(2)) == nil)
        let repeated = try #require(lifecycle.fire(Self.firing(.high, at: 3), existing: alert, patient: Self.patient, now: Self.minutes(3)))
        #expect(repeated.kind == .updated && !repeated.worsened)
        #expect(repeated.alert.occurrences == 2 && repeated.alert.lastFiredAt == Self.minutes(3))
        #expect(repeated.alert.nextEscalationAt == alert.nextEscalationAt)
    }

    @Test func severityRisesButNeverFalls() throws {
        let alert = try #require(lifecycle.fire(Self.firing(.high, at: 0, title: "high"), existing: nil, patient: Self.patient, now: Self.minutes(0))).alert
        let worse = try #require(lifecycle.fire(Self.firing(.critical, at: 2, title: "critical"), existing: alert, patient: Self.patient, now: Self.minutes(2)))
        #expect(worse.worsened && worse.alert.severity == .critical && worse.alert.title == "critical")
        #expect(worse.alert.nextEscalationAt == Self.minutes(7))
        let better = try #require(lifecycle.fire(Self.firing(.medium, at: 4, title: "medium"), existing: worse.alert, patient: Self.patient, now: Self.minutes(4)))
        #expect(!better.worsened && better.alert.severity == .critical && better.alert.title == "critical")
        #expect(better.alert.occurrences == 3)
    }

    @Test func worseningReopensAnAcknowledgedAlert() throws {
        let alert = try #require(lifecycle.fire(Self.firing(.medium, at: 0), existing: nil, patient: Self.patient, now: Self.minutes(0))).alert
        let acknowledged = try lifecycle.acknowledge(alert, by: UserID("dr"), note: nil, now: Self.minutes(1)).alert
        #expect(acknowledged.state == .acknowledged && acknowledged.nextEscalationAt == nil)
        let same = try #require(lifecycle.fire(Self.firing(.medium, at: 2), existing: acknowledged, patient: Self.patient, now: Self.minutes(2)))
        #expect(same.alert.state == .acknowledged)
        let worse = try #require(lifecycle.fire(Self.firing(.high, at: 3), existing: same.alert, patient: Self.patient, now: Self.minutes(3)))
        #expect(worse.alert.state == .open && worse.alert.nextEscalationAt == Self.minutes(18))
    }

    @Test func escalationGoesUpOneLevelPerDeadlineUntilTheMaximum() throws {
        var alert = try #require(lifecycle.fire(Self.firing(.critical, at: 0), existing: nil, patient: Self.patient, now: Self.minutes(0))).alert
        #expect(lifecycle.escalate(alert, now: Self.minutes(4.9)) == nil)
        for level in 1...3 {
            let due = try #require(alert.nextEscalationAt)
            let change = try #require(lifecycle.escalate(alert, now: due))
            #expect(change.kind == .escalated && change.alert.escalationLevel == level)
            alert = change.alert
        }
        #expect(alert.nextEscalationAt == nil)
        #expect(lifecycle.escalate(alert, now: Self.minutes(60)) == nil)
    }

    @Test func onlyOpenAlertsAreAcknowledgedAndResolvedOnesNeverChange() throws {
        let alert = try #require(lifecycle.fire(Self.firing(.low, at: 0), existing: nil, patient: Self.patient, now: Self.minutes(0))).alert
        let acknowledged = try lifecycle.acknowledge(alert, by: UserID("dr"), note: "n", now: Self.minutes(1)).alert
        #expect(throws: AlertTransitionError(.notOpen)) {
            try lifecycle.acknowledge(acknowledged, by: UserID("dr"), note: nil, now: Self.minutes(2))
        }
        let resolved = try lifecycle.resolve(acknowledged, by: nil, note: "auto", now: Self.minutes(3)).alert
        #expect(resolved.state == .resolved && resolved.resolvedBy == nil && resolved.resolutionNote == "auto")
        #expect(throws: AlertTransitionError(.alreadyResolved)) {
            try lifecycle.resolve(resolved, by: UserID("dr"), note: nil, now: Self.minutes(4))
        }
        #expect(throws: AlertTransitionError(.alreadyResolved)) {
            try lifecycle.acknowledge(resolved, by: UserID("dr"), note: nil, now: Self.minutes(4))
        }
        // A firing after resolution starts a new alert.
        let fresh = try #require(lifecycle.fire(Self.firing(.low, at: 5), existing: resolved, patient: Self.patient, now: Self.minutes(5)))
        #expect(fresh.kind == .created && fresh.alert.id != alert.id)
    }

    @Test(arguments: [
        (NEWS2RiskLevelName.none, nil), (.low, nil), (.lowMedium, AlertSeverity.medium), (.medium, .high), (.high, .critical),
    ])
    func news2RiskLevelsMapToDocumentedSeverities(_ risk: NEWS2RiskLevelName, _ severity: AlertSeverity?) {
        #expect(AlertPolicy.severity(for: risk.level) == severity)
    }
}
