import Foundation
import Testing
import VigilCore
import VigilStore

/// The relay's round: outcomes of the last attempts and the next claim in one write.
extension OutboxStoreContractTests {
    static let delivered = DeliveryAttempt(attemptedAt: start, status: 204, error: nil, durationMilliseconds: 2)

    @Test(arguments: StoreBackend.available)
    func aRoundRecordsOutcomesBeforeItClaimsThePatientsNextEvent(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.webhooks.create(Self.endpoint("a"))
            try await store.outbox.enqueue([Self.event("evt_1", patient: "p1"), Self.event("evt_2", patient: "p1")])
            let first = try await claim(store)
            #expect(first.map(\.event.id) == ["evt_1"])

            let later = Self.start.addingTimeInterval(1)
            let next = try await store.outbox.recordAndClaimDue(
                [DeliveryOutcome(deliveryID: first[0].deliveryID, attempt: Self.delivered, next: .delivered)],
                now: later, leaseUntil: later.addingTimeInterval(30), limit: 100, perEndpoint: 10, excluding: [])
            #expect(next.map(\.event.id) == ["evt_2"], "the delivered event no longer holds its patient's next back")
            let settled = try await store.outbox.delivery(first[0].deliveryID, of: WebhookEndpointID("a"))
            #expect(settled?.state == .delivered && settled?.history == [Self.delivered])
        }
    }

    @Test(arguments: StoreBackend.available)
    func anOutcomeOfADeletedEndpointsDeliveryIsDropped(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.webhooks.create(Self.endpoint("a"))
            try await store.webhooks.create(Self.endpoint("b"))
            try await store.outbox.enqueue([Self.event("evt_1", patient: "p1")])
            let due = try await claim(store)
            try #require(due.count == 2)
            try await store.webhooks.delete(WebhookEndpointID("a"))

            // The outcome for the deleted endpoint does not fail the write of the other.
            try await store.outbox.record(
                due.map { DeliveryOutcome(deliveryID: $0.deliveryID, attempt: Self.delivered, next: .delivered) })
            let kept = try #require(due.first { $0.endpointID == WebhookEndpointID("b") })
            #expect(try await store.outbox.delivery(kept.deliveryID, of: WebhookEndpointID("b"))?.state == .delivered)
            #expect(try await store.outbox.pendingDeliveryCount() == 0)
        }
    }
}
