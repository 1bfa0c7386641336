import Foundation
import VigilCore

/// What the worklist knows about one patient.
struct WorklistEntry: Sendable {
    let patient: Patient
    /// The latest reading of each of `WorklistRowView.readingTypes`.
    let latest: [Reading]
    /// The current NEWS2 total, if one was ever computed.
    let news2: Int?
    /// The NEWS2 total before the current one.
    let previousNews2: Int?
    /// Open and acknowledged alerts.
    let activeAlerts: [Alert]
    /// Days of this month (UTC) with at least one device reading.
    let daysWithReadings: Int

    /// The highest severity of the alerts nobody has acknowledged yet.
    let openSeverity: AlertSeverity?

    /// When the newest device reading was measured.
    let lastReadingAt: Date?

    init(
        patient: Patient, latest: [Reading], lastReadingAt: Date?, news2: Int?, previousNews2: Int?,
        activeAlerts: [Alert], daysWithReadings: Int
    ) {
        self.patient = patient
        self.latest = latest
        self.news2 = news2
        self.previousNews2 = previousNews2
        self.activeAlerts = activeAlerts
        self.daysWithReadings = daysWithReadings
        // Worked out once: sorting compares them many times.
        openSeverity = activeAlerts.filter { $0.state == .open }.map(\.severity).max()
        self.lastReadingAt = lastReadingAt
    }

    /// Worklist order, most urgent first: the highest open-alert severity,
    /// then the NEWS2 total (unscored last), then the longest time since the
    /// last reading (never read first); the name breaks ties.
    static func moreUrgent(_ a: Self, _ b: Self) -> Bool {
        let severityA = a.openSeverity?.rank ?? -1
        let severityB = b.openSeverity?.rank ?? -1
        if severityA != severityB { return severityA > severityB }
        let newsA = a.news2 ?? -1
        let newsB = b.news2 ?? -1
        if newsA != newsB { return newsA > newsB }
        let lastA = a.lastReadingAt ?? .distantPast
        let lastB = b.lastReadingAt ?? .distantPast
        if lastA != lastB { return lastA < lastB }
        return a.patient.displayName < b.patient.displayName
    }
}
