import Foundation
import VigilStore

/// A webhook delivery the relay gave up on after its last retry. It stays in
/// the outbox (state `dead`) and can be replayed.
public struct DeadLetter: Sendable, Hashable {
    public var endpointID: WebhookEndpointID
    public var deliveryID: Int64
    /// The event type, such as `alert.created`.
    public var eventType: String
    /// Attempts made, the last included.
    public var attempts: Int
    /// When the last attempt failed.
    public var at: Date

    public init(endpointID: WebhookEndpointID, deliveryID: Int64, eventType: String, attempts: Int, at: Date) {
        self.endpointID = endpointID
        self.deliveryID = deliveryID
        self.eventType = eventType
        self.attempts = attempts
        self.at = at
    }
}
