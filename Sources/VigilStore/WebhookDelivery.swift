import Foundation
import VigilCore

/// One event's delivery to one endpoint, with the outcome of its last attempt.
public struct WebhookDelivery: Sendable, Hashable {
    /// Where a delivery is in its life.
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Not yet delivered; attempted at ``WebhookDelivery/nextAttemptAt``.
        case pending
        /// A 2xx answer was received.
        case delivered
        /// Every retry failed; it waits for an administrator's replay.
        case dead
    }

    /// Assigned by the store, increasing in the order events were written.
    public var id: Int64
    public var endpointID: WebhookEndpointID
    /// The event's id (the `webhook-id`) and type.
    public var eventID: String
    public var eventType: String
    public var patientID: PatientID?
    public var state: State
    /// Attempts made so far.
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var createdAt: Date
    /// The outcome of the last attempt, if any was made.
    /// Every attempt made, oldest first (a replay adds to it).
    public var history: [DeliveryAttempt]

    /// The latest attempt, if any.
    public var lastAttempt: DeliveryAttempt? { history.last }

    public init(
        id: Int64, endpointID: WebhookEndpointID, eventID: String, eventType: String, patientID: PatientID?,
        state: State, attempts: Int, nextAttemptAt: Date?, createdAt: Date, history: [DeliveryAttempt]
    ) {
        self.id = id
        self.endpointID = endpointID
        self.eventID = eventID
        self.eventType = eventType
        self.patientID = patientID
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
        self.history = history
    }
}
