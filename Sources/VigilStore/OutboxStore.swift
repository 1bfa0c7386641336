import Foundation

/// The transactional outbox and each endpoint's deliveries.
///
/// Events are normally written by the transaction that caused them
/// (`IngestMessage.events`, or a backend's own `enqueue(_:in:)` for stores in
/// the same module); ``enqueue(_:)`` writes events in a transaction of their own.
public protocol OutboxStore: Sendable {
    /// Writes events and fans each out to every enabled endpoint subscribed to
    /// its type, in one transaction. An event whose id exists already is ignored.
    func enqueue(_ events: [OutboxEvent]) async throws

    /// Records `outcomes` as ``record(_:)`` does, then claims up to `limit`
    /// due deliveries (at most `perEndpoint` per endpoint, none of
    /// `excluding`), oldest first, and leases them until `leaseUntil`, so no
    /// other relay claims them meanwhile and a relay that dies leaves them due
    /// again; all in one transaction, the relay's one write per round.
    ///
    /// Only the oldest pending delivery of each endpoint and patient is
    /// eligible, so one patient's events reach an endpoint in order while
    /// other patients and endpoints proceed; a delivery settled by `outcomes`
    /// no longer holds its patient's later events back.
    func recordAndClaimDue(
        _ outcomes: [DeliveryOutcome], now: Date, leaseUntil: Date, limit: Int, perEndpoint: Int,
        excluding: Set<WebhookEndpointID>
    ) async throws -> [DueDelivery]

    /// Records attempts and what follows each (delivered, retried at a time,
    /// or dead until replayed), all in one transaction. An outcome of a
    /// delivery that no longer exists (its endpoint was deleted) is dropped.
    func record(_ outcomes: [DeliveryOutcome]) async throws

    /// An endpoint's deliveries, newest first.
    func deliveries(of endpoint: WebhookEndpointID, limit: Int) async throws -> [WebhookDelivery]
    /// One delivery of an endpoint, or nil.
    func delivery(_ deliveryID: Int64, of endpoint: WebhookEndpointID) async throws -> WebhookDelivery?
    /// Makes a delivery of `endpoint` pending again, due at `now`, with its
    /// attempt count reset; throws `StoreError.notFound` if it is not that endpoint's.
    func replay(_ deliveryID: Int64, of endpoint: WebhookEndpointID, now: Date) async throws

    /// How many deliveries are pending (waiting for their first attempt or a
    /// retry), over every endpoint: the relay's backlog.
    func pendingDeliveryCount() async throws -> Int
}
