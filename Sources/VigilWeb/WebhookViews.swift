import Foundation
import Hummingbird
import VigilCore
import VigilStore

/// `{"url", "events", "description"?}`.
struct NewWebhookInput: Decodable {
    let url: String
    let events: [String]
    let description: String?
}

/// `{"url"?, "events"?, "description"?, "enabled"?}`.
struct WebhookUpdateInput: Decodable {
    let url: String?
    let events: [String]?
    let description: String?
    let enabled: Bool?
}

/// `{"id", "secret"}`: the only time the secret is shown, with rotation.
struct CreatedWebhookView: ResponseEncodable {
    let id: WebhookEndpointID
    let secret: String
}

/// `{"id", "secret", "previousSecretExpiresAt"}` after a rotation.
struct RotatedSecretView: ResponseEncodable {
    let id: WebhookEndpointID
    let secret: String
    let previousSecretExpiresAt: Date?
}

/// An endpoint as the API shows it (never its secrets).
struct WebhookView: ResponseEncodable {
    let id: WebhookEndpointID
    let url: String
    let events: [String]
    let description: String
    let enabled: Bool
    let disabledReason: String?
    let failingSince: Date?
    let lastDeadLetterAt: Date?
    let deadLetterCount: Int
    let secretRotationEndsAt: Date?
    let createdAt: Date

    init(_ endpoint: WebhookEndpoint) {
        id = endpoint.id
        url = endpoint.url
        events = endpoint.eventTypes.sorted()
        description = endpoint.description
        enabled = endpoint.enabled
        disabledReason = endpoint.disabledReason
        failingSince = endpoint.failingSince
        lastDeadLetterAt = endpoint.lastDeadLetterAt
        deadLetterCount = endpoint.deadLetterCount
        secretRotationEndsAt = endpoint.previousSealedSecret == nil ? nil : endpoint.previousSecretExpiresAt
        createdAt = endpoint.createdAt
    }
}

/// One attempt of a delivery: when, the HTTP status (none without an answer), the error code, how long.
struct DeliveryAttemptView: Encodable {
    let attemptedAt: Date
    let status: Int?
    let error: String?
    let durationMs: Int
}

/// One delivery with every attempt's status and timing (`history`, oldest
/// first), and the last one's repeated at the top level.
struct DeliveryView: ResponseEncodable {
    let id: Int64
    let eventId: String
    let eventType: String
    let state: String
    let attempts: Int
    let nextAttemptAt: Date?
    let createdAt: Date
    let lastAttemptAt: Date?
    let lastStatus: Int?
    let lastError: String?
    let lastDurationMs: Int?
    let history: [DeliveryAttemptView]

    init(_ delivery: WebhookDelivery) {
        id = delivery.id
        eventId = delivery.eventID
        eventType = delivery.eventType
        state = delivery.state.rawValue
        attempts = delivery.attempts
        nextAttemptAt = delivery.state == .pending ? delivery.nextAttemptAt : nil
        createdAt = delivery.createdAt
        lastAttemptAt = delivery.lastAttempt?.attemptedAt
        lastStatus = delivery.lastAttempt?.status
        lastError = delivery.lastAttempt?.error
        lastDurationMs = delivery.lastAttempt?.durationMilliseconds
        history = delivery.history.map {
            DeliveryAttemptView(
                attemptedAt: $0.attemptedAt, status: $0.status, error: $0.error, durationMs: $0.durationMilliseconds)
        }
    }
}
