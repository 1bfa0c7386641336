import Foundation
import VigilCore
import VigilStore

/// The operational alerts Vigil raises for its administrators: alerts about
/// the system, not about a patient (their `patientID` is `nil`).
public enum OperationalAlerts {
    /// The prefix of webhook dead-letter alerts, followed by the endpoint id.
    public static let webhookDeadLetterPrefix = "webhook.dead-letter."

    /// The details of a webhook dead-letter alert: identifiers and counts only.
    private struct DeadLetterDetails: Encodable {
        let kind = "webhook.deadLetter"
        let endpointId: String
        let deliveryId: Int64
        let eventType: String
        let attempts: Int
        let links: [String: String]
    }

    /// The firing for a webhook delivery given up on: one active alert per
    /// endpoint (`webhook.dead-letter.<endpoint>`), high severity, each further
    /// dead letter to that endpoint counted as an occurrence.
    public static func webhookDeadLetter(
        endpoint: WebhookEndpointID, deliveryID: Int64, eventType: String, attempts: Int, at time: Date
    ) -> AlertFiring {
        let details = DeadLetterDetails(
            endpointId: endpoint.rawValue, deliveryId: deliveryID, eventType: eventType, attempts: attempts,
            links: ["deliveries": "/api/v1/webhooks/\(endpoint.rawValue)/deliveries"])
        return AlertFiring(
            ruleID: webhookDeadLetterPrefix + endpoint.rawValue,
            title: "Webhook deliveries failed after every retry", severity: .high, evidenceAt: time,
            details: (try? CompactJSONEncoder().encode(details)) ?? Data("{}".utf8))
    }
}
