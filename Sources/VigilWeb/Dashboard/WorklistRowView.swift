import Foundation
import VigilAnalytics
import VigilCore

/// One worklist row as the template shows it: every value already text.
struct WorklistRowView {
    /// A vital sign with its NEWS2 sub-score, shown as colour and number.
    struct Vital {
        let name: String
        let value: String
        let score: String?
        let scoreClass: String
    }

    /// An active alert, briefly.
    struct AlertBrief {
        let title: String
        let severity: String
        let state: String
    }

    let patientID: String
    let path: String
    let name: String
    let rank: Int
    let severity: String?
    let severityClass: String
    let news2: String
    let news2Class: String
    let trendSymbol: String
    let trendText: String
    let vitals: [Vital]
    let alerts: [AlertBrief]
    let lastReading: DashboardTime.Stamp?
    let days: Int

    /// The types of reading a row is made from: the vitals it shows,
    /// diastolic beside systolic, and supplemental oxygen, which sets the
    /// SpO2 sub-score's scale.
    static let readingTypes: [VitalType] = VitalDisplay.worklistTypes + [.diastolic, .supplementalOxygen]

    init(_ entry: WorklistEntry, rank: Int, now: Date) {
        patientID = entry.patient.id.rawValue
        path = DashboardPaths.patient(entry.patient.id)
        name = entry.patient.displayName
        self.rank = rank
        severity = entry.openSeverity?.rawValue
        severityClass = entry.openSeverity.map { "sev-\($0.rawValue)" } ?? ""
        news2 = entry.news2.map(String.init) ?? "—"
        news2Class = entry.news2.map(VitalDisplay.totalClass) ?? ""
        (trendSymbol, trendText) = Self.trend(entry.news2, entry.previousNews2)
        let byType = Dictionary(entry.latest.map { ($0.type, $0) }, uniquingKeysWith: { $0.measuredAt > $1.measuredAt ? $0 : $1 })
        let oxygen: OxygenStatus = (byType[.supplementalOxygen]?.value ?? 0) > 0 ? .oxygen : .air
        vitals = VitalDisplay.worklistTypes.compactMap { type in
            guard let reading = byType[type] else { return nil }
            let score = VitalDisplay.subScore(type, reading.value, scale: entry.patient.news2Scale, oxygen: oxygen)
            var value = VitalDisplay.format(reading.value, type: type)
            if type == .systolic, let diastolic = byType[.diastolic] {
                value = VitalDisplay.number(reading.value) + "/" + VitalDisplay.format(diastolic.value, type: .diastolic)
            }
            return Vital(
                name: type == .systolic ? "BP" : VitalDisplay.shortName(type), value: value,
                score: score.map(String.init), scoreClass: score.map { "s\($0)" } ?? "")
        }
        alerts = entry.activeAlerts.map { AlertBrief(title: $0.title, severity: $0.severity.rawValue, state: $0.state.rawValue) }
        lastReading = entry.lastReadingAt.map { DashboardTime.stamp($0, now: now) }
        days = entry.daysWithReadings
    }

    /// The arrow and its words: the current NEWS2 total against the one before.
    static func trend(_ current: Int?, _ previous: Int?) -> (String, String) {
        guard let current, let previous else { return ("", "no trend yet") }
        if current > previous { return ("↑", "rising from \(previous)") }
        if current < previous { return ("↓", "falling from \(previous)") }
        return ("→", "unchanged")
    }
}
