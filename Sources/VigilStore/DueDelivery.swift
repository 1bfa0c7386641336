import Foundation

/// A delivery the relay has claimed: what to send, and to which endpoint.
public struct DueDelivery: Sendable, Hashable {
    public var deliveryID: Int64
    public var endpointID: WebhookEndpointID
    /// The event, with the exact payload to send.
    public var event: OutboxEvent
    /// Attempts made before this one.
    public var attempts: Int

    public init(deliveryID: Int64, endpointID: WebhookEndpointID, event: OutboxEvent, attempts: Int) {
        self.deliveryID = deliveryID
        self.endpointID = endpointID
        self.event = event
        self.attempts = attempts
    }
}
