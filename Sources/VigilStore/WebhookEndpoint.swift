import Foundation
import VigilCore

/// Identifies a webhook endpoint (`wh_…`).
public typealias WebhookEndpointID = Identifier<WebhookEndpoint>

/// A subscriber that receives signed events over HTTPS.
///
/// The secret is stored only sealed by the key vault; during a rotation the
/// previous secret is kept until ``previousSecretExpiresAt`` and events are
/// signed with both.
public struct WebhookEndpoint: Sendable, Hashable {
    public var id: WebhookEndpointID
    public var url: String
    /// The event types delivered to it, such as `alert.created`.
    public var eventTypes: Set<String>
    public var description: String
    /// The current signing secret (`whsec_…`), sealed by the key vault.
    public var sealedSecret: String
    /// The secret in use before the last rotation, sealed, while the overlap lasts.
    public var previousSealedSecret: String?
    public var previousSecretExpiresAt: Date?
    /// Whether new events are fanned out to it and its deliveries are attempted.
    public var enabled: Bool
    /// Why it was disabled, such as `failing` or `admin`; nil while enabled.
    public var disabledReason: String?
    /// When its current streak of failed attempts began; nil while healthy.
    public var failingSince: Date?
    /// When a delivery to it last went to the dead-letter state, and how many have.
    public var lastDeadLetterAt: Date?
    public var deadLetterCount: Int
    public var createdAt: Date

    public init(
        id: WebhookEndpointID = WebhookEndpointID("wh_" + UUID().uuidString.lowercased()), url: String,
        eventTypes: Set<String>, description: String, sealedSecret: String, previousSealedSecret: String? = nil,
        previousSecretExpiresAt: Date? = nil, enabled: Bool = true, disabledReason: String? = nil,
        failingSince: Date? = nil, lastDeadLetterAt: Date? = nil, deadLetterCount: Int = 0, createdAt: Date
    ) {
        self.id = id
        self.url = url
        self.eventTypes = eventTypes
        self.description = description
        self.sealedSecret = sealedSecret
        self.previousSealedSecret = previousSealedSecret
        self.previousSecretExpiresAt = previousSecretExpiresAt?.truncatedToMilliseconds
        self.enabled = enabled
        self.disabledReason = disabledReason
        self.failingSince = failingSince?.truncatedToMilliseconds
        self.lastDeadLetterAt = lastDeadLetterAt?.truncatedToMilliseconds
        self.deadLetterCount = deadLetterCount
        self.createdAt = createdAt.truncatedToMilliseconds
    }
}
