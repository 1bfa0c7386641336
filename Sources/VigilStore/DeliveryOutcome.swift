import Foundation

/// What became of one delivery attempt: the attempt, and what happens next.
public struct DeliveryOutcome: Sendable, Hashable {
    /// What happens to the delivery after the attempt.
    public enum Next: Sendable, Hashable {
        /// The endpoint answered 2xx: done.
        case delivered
        /// It failed; try again at this time.
        case retry(at: Date)
        /// It failed for the last time: dead letter.
        case dead
    }

    public var deliveryID: Int64
    public var attempt: DeliveryAttempt
    public var next: Next

    public init(deliveryID: Int64, attempt: DeliveryAttempt, next: Next) {
        self.deliveryID = deliveryID
        self.attempt = attempt
        self.next = next
    }

    /// The delivery's state after the attempt.
    public var state: WebhookDelivery.State {
        switch next {
        case .delivered: .delivered
        case .retry: .pending
        case .dead: .dead
        }
    }

    /// When the delivery is next due; nil once delivered or dead.
    public var nextAttemptAt: Date? {
        if case .retry(let time) = next { time } else { nil }
    }
}
