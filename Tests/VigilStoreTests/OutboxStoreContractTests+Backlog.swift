import Foundation
import Testing
import VigilCore
import VigilStore

extension OutboxStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func backlogCountsPendingDeliveriesUntilDelivered(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            #expect(try await store.outbox.pendingDeliveryCount() == 0)
            try await store.webhooks.create(Self.endpoint("a"))
            try await store.webhooks.create(Self.endpoint("b"))
            try await store.outbox.enqueue([Self.event("evt_1", patient: "p1"), Self.event("evt_2", patient: "p2")])
            #expect(try await store.outbox.pendingDeliveryCount() == 4)

            let due = try await claim(store)
            let attempt = DeliveryAttempt(attemptedAt: Self.start, status: 200, error: nil, durationMilliseconds: 3)
            let failed = DeliveryAttempt(attemptedAt: Self.start, status: 500, error: "http_status", durationMilliseconds: 3)
            try await store.outbox.record([
                DeliveryOutcome(deliveryID: due[0].deliveryID, attempt: attempt, next: .delivered),
                DeliveryOutcome(deliveryID: due[1].deliveryID, attempt: failed, next: .dead),
                DeliveryOutcome(
                    deliveryID: due[2].deliveryID, attempt: failed, next: .retry(at: Self.start.addingTimeInterval(5))),
            ])
            // A retry is still pending; delivered and dead ones are not.
            #expect(try await store.outbox.pendingDeliveryCount() == 2)
        }
    }
}
