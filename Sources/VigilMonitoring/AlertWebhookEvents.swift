import Foundation
import VigilAnalytics
import VigilCore
import VigilStore

/// The webhook events of live evaluation: `alert.created`, `alert.updated`,
/// `alert.escalated`, `alert.acknowledged`, `alert.resolved` and
/// `news2.updated`, written to the outbox in the same transaction as the
/// change.
///
/// Payloads follow the Standard Webhooks shape `{"type", "timestamp", "data"}`
/// and carry identifiers, codes, values and times only: clinicians' notes,
/// which are free text, are left out. Operational alerts (no patient) are
/// for Vigil's administrators and are not sent: a webhook dead letter raises
/// one, and sending it could feed the endpoint that failed.
enum AlertWebhookEvents {
    /// The `data` of an alert event; absent fields are left out.
    private struct AlertData: Encodable {
        let alertId: String
        let patientId: String
        let ruleId: String
        let title: String
        let severity: String
        let state: String
        let escalationLevel: Int
        let occurrences: Int
        let firstFiredAt: String
        let lastFiredAt: String
        let details: AnyJSON
        let links: [String: String]
        let nextEscalationAt: String?
        let worsened: Bool?
        let acknowledgedBy: String?
        let acknowledgedAt: String?
        let resolvedBy: String?
        let resolvedAt: String?
    }

    /// The `data` of `news2.updated`.
    private struct NEWS2Data: Encodable {
        let patientId: String
        let total: Int
        let riskLevel: String
        let partial: Bool
        let missing: [String]
        let assumed: [String]
        let subScores: [String: Int]
        let scale: Int
        let measuredAt: String
        let code: [String: String]
        let links: [String: String]
        let previousTotal: Int?
    }

    /// The event of one alert change; `nil` for an operational alert.
    static func event(for change: AlertChange, at time: Date) -> OutboxEvent? {
        let alert = change.alert
        guard let patientID = alert.patientID else { return nil }
        let timestamp = OutboxEvent.timestamp
        let data = AlertData(
            alertId: alert.id.rawValue, patientId: patientID.rawValue, ruleId: alert.ruleID,
            title: alert.title, severity: alert.severity.rawValue, state: alert.state.rawValue,
            escalationLevel: alert.escalationLevel, occurrences: alert.occurrences,
            firstFiredAt: timestamp(alert.firstFiredAt), lastFiredAt: timestamp(alert.lastFiredAt),
            details: AnyJSON(parsing: alert.details) ?? .object([:]),
            links: ["alert": "/api/v1/alerts/\(alert.id.rawValue)"],
            nextEscalationAt: alert.nextEscalationAt.map(timestamp),
            worsened: change.kind == .updated ? change.worsened : nil,
            acknowledgedBy: alert.acknowledgedBy?.rawValue, acknowledgedAt: alert.acknowledgedAt.map(timestamp),
            resolvedBy: alert.resolvedBy?.rawValue, resolvedAt: alert.resolvedAt.map(timestamp))
        return OutboxEvent(type: change.kind.eventType, patientID: patientID, occurredAt: time, data: data)
    }

    /// `news2.updated`: the new total, risk level and sub-scores.
    static func event(for update: NEWS2Update, at time: Date) -> OutboxEvent {
        let score = update.score
        var subScores: [String: Int] = [:]
        for parameter in NEWS2Parameter.allCases { subScores[parameter.rawValue] = score.subScores[parameter] }
        let data = NEWS2Data(
            patientId: update.patientID.rawValue, total: score.total, riskLevel: score.riskLevel.rawValue,
            partial: score.isPartial, missing: score.missing.map(\.rawValue), assumed: score.assumed.map(\.rawValue),
            subScores: subScores, scale: score.scale.rawValue, measuredAt: OutboxEvent.timestamp(update.measuredAt),
            code: ["system": "http://snomed.info/sct", "code": VitalType.news2Score.snomedCT ?? ""],
            links: ["observations": "/api/v1/patients/\(update.patientID.rawValue)/observations?type=news2Score"],
            previousTotal: update.previousTotal)
        return OutboxEvent(type: "news2.updated", patientID: update.patientID, occurredAt: time, data: data)
    }
}
