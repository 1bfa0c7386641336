import Foundation
import VigilIntegrations

/// How the webhook API checks URLs and rotates secrets.
public struct WebhookSettings: Sendable {
    /// Which URLs endpoints may have. Default: https only.
    public var urlPolicy: WebhookURLPolicy
    /// How long the previous secret still signs after a rotation. Default 24 h.
    public var rotationOverlap: TimeInterval

    public init(urlPolicy: WebhookURLPolicy = WebhookURLPolicy(), rotationOverlap: TimeInterval = 24 * 3600) {
        self.urlPolicy = urlPolicy
        self.rotationOverlap = rotationOverlap
    }
}
