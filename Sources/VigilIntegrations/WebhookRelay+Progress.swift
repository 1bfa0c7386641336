import Foundation
import VigilStore

extension WebhookRelay {
    /// An attempt whose outcome is waiting to be recorded.
    struct FinishedAttempt: Sendable {
        let delivery: DueDelivery
        /// The endpoint as the attempt's round read it.
        let endpoint: WebhookEndpoint
        let outcome: DeliveryOutcome
    }

    /// What the relay's attempts are doing: requests in flight per endpoint,
    /// and the outcomes the next write records, in the order they finished.
    struct Progress: Sendable {
        var inFlight: [WebhookEndpointID: Int] = [:]
        var finished: [FinishedAttempt] = []

        /// Whether a request is in flight or an outcome is waiting.
        var isBusy: Bool { !finished.isEmpty || inFlight.values.contains { $0 > 0 } }

        /// The endpoints with `limit` requests in flight or more.
        func busyEndpoints(limit: Int) -> Set<WebhookEndpointID> {
            Set(inFlight.filter { $0.value >= limit }.keys)
        }

        /// The waiting outcomes, no longer waiting.
        mutating func takeFinished() -> [FinishedAttempt] {
            defer { finished.removeAll(keepingCapacity: true) }
            return finished
        }
    }

    /// An endpoint's health as one batch of follow-ups last wrote it.
    enum EndpointHealth {
        case healthy
        /// Failing since this time (nil: the endpoint is gone).
        case failing(since: Date?)
        /// Disabled for failing too long; nothing more to write.
        case disabled

        /// As the endpoint was read, before the batch wrote anything.
        init(_ endpoint: WebhookEndpoint) {
            if let since = endpoint.failingSince { self = .failing(since: since) } else { self = .healthy }
        }

        var isFailing: Bool {
            if case .failing = self { true } else { false }
        }
    }
}
