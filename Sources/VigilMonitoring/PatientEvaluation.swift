import Foundation
import VigilAnalytics
import VigilCore

/// What one evaluation of one patient looks at.
public struct PatientEvaluationInput: Sendable {
    public var patient: Patient
    /// The patient's rules in effect (stored, or the presets of their conditions).
    public var rules: [Rule]
    /// Recent readings of the types the rules and the baseline read.
    public var history: ReadingHistory
    /// The latest reading of each type, `news2Score` included.
    public var latest: [Reading]
    /// The patient's open and acknowledged alerts.
    public var activeAlerts: [Alert]
    public var now: Date
    /// Whether to look for departures from the personal baseline this time.
    public var assessBaseline: Bool

    public init(
        patient: Patient, rules: [Rule], history: ReadingHistory, latest: [Reading], activeAlerts: [Alert], now: Date,
        assessBaseline: Bool
    ) {
        self.patient = patient
        self.rules = rules
        self.history = history
        self.latest = latest
        self.activeAlerts = activeAlerts
        self.now = now
        self.assessBaseline = assessBaseline
    }
}

/// What one evaluation of one patient found: a NEWS2 result to store, and alert changes.
public struct PatientEvaluationOutcome: Sendable {
    /// A NEWS2 result that differs from the one stored last (or the first).
    public var news2: NEWS2Update?
    /// `news2` as the `news2Score` reading to store.
    public var news2Reading: Reading?
    /// New, updated and automatically resolved alerts, in a stable order.
    public var changes: [AlertChange]

    public init(news2: NEWS2Update? = nil, news2Reading: Reading? = nil, changes: [AlertChange] = []) {
        self.news2 = news2
        self.news2Reading = news2Reading
        self.changes = changes
    }

    /// Whether anything is to be stored.
    public var isEmpty: Bool { news2Reading == nil && changes.isEmpty }
}
