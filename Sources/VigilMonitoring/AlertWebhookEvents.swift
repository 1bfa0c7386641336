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
/// which are free text, are left out.
enum AlertWebhookEvents {
    /// The event of one alert change.
    static func event(for change: AlertChange, at time: Date) -> OutboxEvent {
        let alert = change.alert
        var data: [String: Any] = [
            "alertId": alert.id.rawValue, "patientId": alert.patientID.rawValue, "ruleId": alert.ruleID,
            "title": alert.title, "severity": alert.severity.rawValue, "state": alert.state.rawValue,
            "escalationLevel": alert.escalationLevel, "occurrences": alert.occurrences,
            "firstFiredAt": timestamp(alert.firstFiredAt), "lastFiredAt": timestamp(alert.lastFiredAt),
            "details": (try? JSONSerialization.jsonObject(with: alert.details)) ?? [String: Any](),
            "links": ["alert": "/api/v1/alerts/\(alert.id.rawValue)"],
        ]
        if let due = alert.nextEscalationAt { data["nextEscalationAt"] = timestamp(due) }
        if change.kind == .updated { data["worsened"] = change.worsened }
        if let user = alert.acknowledgedBy { data["acknowledgedBy"] = user.rawValue }
        if let at = alert.acknowledgedAt { data["acknowledgedAt"] = timestamp(at) }
        if let user = alert.resolvedBy { data["resolvedBy"] = user.rawValue }
        if let at = alert.resolvedAt { data["resolvedAt"] = timestamp(at) }
        return event(change.kind.eventType, patientID: alert.patientID, at: time, data: data)
    }

    /// `news2.updated`: the new total, risk level and sub-scores.
    static func event(for update: NEWS2Update, at time: Date) -> OutboxEvent {
        let score = update.score
        var subScores: [String: Int] = [:]
        for parameter in NEWS2Parameter.allCases { subScores[parameter.rawValue] = score.subScores[parameter] }
        var data: [String: Any] = [
            "patientId": update.patientID.rawValue, "total": score.total, "riskLevel": score.riskLevel.rawValue,
            "partial": score.isPartial, "missing": score.missing.map(\.rawValue),
            "assumed": score.assumed.map(\.rawValue), "subScores": subScores, "scale": score.scale.rawValue,
            "measuredAt": timestamp(update.measuredAt), "code": ["system": "http://snomed.info/sct", "code": VitalType.news2Score.snomedCT ?? ""],
            "links": ["observations": "/api/v1/patients/\(update.patientID.rawValue)/observations?type=news2Score"],
        ]
        if let previous = update.previousTotal { data["previousTotal"] = previous }
        return event("news2.updated", patientID: update.patientID, at: time, data: data)
    }

    private static func event(_ type: String, patientID: PatientID, at time: Date, data: [String: Any]) -> OutboxEvent {
        let body: [String: Any] = ["type": type, "timestamp": timestamp(time), "data": data]
        let payload = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data("{}".utf8)
        return OutboxEvent(type: type, patientID: patientID, occurredAt: time, payload: payload)
    }

    private static func timestamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
