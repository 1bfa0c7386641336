import Foundation
import VigilCore

/// What live evaluation reads about one patient: the patient, their stored
/// rules, the latest reading of each type and their active alerts.
public struct PatientSnapshot: Sendable {
    public var patient: Patient
    /// The rules a clinician stored; `nil` when none are (the presets apply).
    public var storedRules: StoredRuleSet?
    /// The most recently measured reading of each type.
    public var latest: [Reading]
    /// Open and acknowledged alerts, at most one per rule.
    public var activeAlerts: [Alert]

    public init(patient: Patient, storedRules: StoredRuleSet?, latest: [Reading], activeAlerts: [Alert]) {
        self.patient = patient
        self.storedRules = storedRules
        self.latest = latest
        self.activeAlerts = activeAlerts
    }
}
