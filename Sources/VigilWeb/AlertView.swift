import Foundation
import Hummingbird
import VigilCore

/// An alert as the API shows it; `details` is the JSON object of the values that fired it.
struct AlertView: ResponseEncodable {
    let id: AlertID
    /// Absent for an operational alert.
    let patientId: PatientID?
    let ruleId: String
    let title: String
    let severity: AlertSeverity
    let state: AlertState
    let escalationLevel: Int
    let nextEscalationAt: Date?
    let firstFiredAt: Date
    let lastFiredAt: Date
    let occurrences: Int
    let details: AnyJSON
    let createdAt: Date
    let updatedAt: Date
    let acknowledgedBy: UserID?
    let acknowledgedAt: Date?
    let acknowledgementNote: String?
    let resolvedBy: UserID?
    let resolvedAt: Date?
    let resolutionNote: String?

    init(_ alert: Alert) {
        id = alert.id
        patientId = alert.patientID
        ruleId = alert.ruleID
        title = alert.title
        severity = alert.severity
        state = alert.state
        escalationLevel = alert.escalationLevel
        nextEscalationAt = alert.nextEscalationAt
        firstFiredAt = alert.firstFiredAt
        lastFiredAt = alert.lastFiredAt
        occurrences = alert.occurrences
        details = AnyJSON(parsing: alert.details) ?? .object([:])
        createdAt = alert.createdAt
        updatedAt = alert.updatedAt
        acknowledgedBy = alert.acknowledgedBy
        acknowledgedAt = alert.acknowledgedAt
        acknowledgementNote = alert.acknowledgementNote
        resolvedBy = alert.resolvedBy
        resolvedAt = alert.resolvedAt
        resolutionNote = alert.resolutionNote
    }
}
