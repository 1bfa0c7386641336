import Foundation
import Testing
import VigilCore
import VigilStore

/// The webhook endpoint and outbox contract, on every backend.
@Suite struct OutboxStoreContractTests {
    static let start = Date(millisecondsSince1970: 1_800_000_000_000)

    static func endpoint(_ name: String, events: Set<String> = ["device.quarantine"]) -> WebhookEndpoint {
        WebhookEndpoint(
            id: WebhookEndpointID(name), url: "https://example.test/\(name)", eventTypes: events, description: name,
            sealedSecret: "sealed-\(name)", createdAt: start)
    }

    static func event(_ id: String, patient: String?, type: String = "device.quarantine") -> OutboxEvent {
        OutboxEvent(
            id: id, type: type, patientID: patient.map { PatientID($0) }, occurredAt: start,
            payload: Data("{\"id\":\"\(id)\"}".utf8))
    }

    func claim(_ store: any Store, at time: Date = start) async throws -> [DueDelivery] {
        try await store.outbox.recordAndClaimDue(
            [], now: time, leaseUntil: time.addingTimeInterval(30), limit: 100, perEndpoint: 10, excluding: [])
    }

    @Test(arguments: StoreBackend.available)
    func fansOutOnlyToEnabledSubscribedEndpoints(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.webhooks.create(Self.endpoint("a"))
            try await store.webhooks.create(Self.endpoint("b", events: ["alert.created"]))
            var disabled = Self.endpoint("c")
            disabled.enabled = false
            try await store.webhooks.create(disabled)
            try await store.outbox.enqueue([Self.event("evt_1", patient: "p1")])
            let due = try await claim(store)
            #expect(due.map(\.endpointID) == [WebhookEndpointID("a")])
            #expect(due.first?.event == Self.event("evt_1", patient: "p1"))
            #expect(try await store.webhooks.endpoint(WebhookEndpointID("b"))?.eventTypes == ["alert.created"])
        }
    }

    @Test(arguments: StoreBackend.available)
    func sealedSecretsAreReplacedOnlyWhileUnchanged(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            var endpoint = Self.endpoint("a")
            endpoint.previousSealedSecret = "sealed-old"
            try await store.webhooks.create(endpoint)
            let rewrapped = WebhookSealedSecrets(current: "rewrapped-a", previous: "rewrapped-old")
            let stale = WebhookSealedSecrets(current: "sealed-a", previous: nil)
            #expect(try await store.webhooks.replaceSealedSecrets(of: endpoint.id, expected: stale, new: rewrapped) == false)
            #expect(
                try await store.webhooks.replaceSealedSecrets(
                    of: endpoint.id, expected: WebhookSealedSecrets(of: endpoint), new: rewrapped))
            let stored = try #require(try await store.webhooks.endpoint(endpoint.id))
            #expect(WebhookSealedSecrets(of: stored) == rewrapped)
            #expect(stored.url == endpoint.url)
        }
    }

    @Test(arguments: StoreBackend.available)
    func claimsOnlyTheOldestPendingDeliveryPerPatient(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.webhooks.create(Self.endpoint("a"))
            try await store.outbox.enqueue([
                Self.event("evt_1", patient: "p1"), Self.event("evt_2", patient: "p1"),
                Self.event("evt_3", patient: "p2"),
            ])
            let first = try await claim(store)
            #expect(first.map(\.event.id) == ["evt_1", "evt_3"])
            // Leased: nothing more is due until they are settled.
            #expect(try await claim(store).isEmpty)
            let attempt = DeliveryAttempt(attemptedAt: Self.start, status: 500, error: "http_status", durationMilliseconds: 3)
            try await store.outbox.record([
                DeliveryOutcome(
                    deliveryID: first[0].deliveryID, attempt: attempt, next: .retry(at: Self.start.addingTimeInterval(5)))
            ])
            #expect(try await claim(store, at: Self.start.addingTimeInterval(1)).isEmpty)
            let retry = try await claim(store, at: Self.start.addingTimeInterval(5))
            #expect(retry.map(\.event.id) == ["evt_1"])
            #expect(retry.first?.attempts == 1)
            try await store.outbox.record([DeliveryOutcome(deliveryID: retry[0].deliveryID, attempt: attempt, next: .delivered)])
            let next = try await claim(store, at: Self.start.addingTimeInterval(6))
            #expect(next.map(\.event.id) == ["evt_2"])
        }
    }

    @Test(arguments: StoreBackend.available)
    func deadDeliveryIsListedAndReplayed(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.webhooks.create(Self.endpoint("a"))
            try await store.outbox.enqueue([Self.event("evt_1", patient: nil)])
            let due = try await claim(store)
            let attempt = DeliveryAttempt(attemptedAt: Self.start, status: nil, error: "timeout", durationMilliseconds: 15000)
            try await store.outbox.record([DeliveryOutcome(deliveryID: due[0].deliveryID, attempt: attempt, next: .dead)])
            let listed = try await store.outbox.deliveries(of: WebhookEndpointID("a"), limit: 10)
            #expect(listed.map(\.state) == [.dead])
            #expect(listed.first?.lastAttempt == attempt)
            #expect(try await claim(store, at: Self.start.addingTimeInterval(3600)).isEmpty)
            try await store.outbox.replay(due[0].deliveryID, of: WebhookEndpointID("a"), now: Self.start)
            let replayed = try await claim(store, at: Self.start.addingTimeInterval(3600))
            #expect(replayed.map(\.event.id) == ["evt_1"])
            let success = DeliveryAttempt(
                attemptedAt: Self.start.addingTimeInterval(3600), status: 204, error: nil, durationMilliseconds: 4)
            try await store.outbox.record([DeliveryOutcome(deliveryID: replayed[0].deliveryID, attempt: success, next: .delivered)])
            let delivered = try await store.outbox.delivery(due[0].deliveryID, of: WebhookEndpointID("a"))
            #expect(delivered?.state == .delivered)
            #expect(delivered?.history == [attempt, success], "every attempt is kept, the replay's after the first")
            await #expect(throws: StoreError.self) {
                try await store.outbox.replay(due[0].deliveryID, of: WebhookEndpointID("other"), now: Self.start)
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func ingestWritesEventsOnlyForStoredMessages(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            try await store.webhooks.create(Self.endpoint("a"))
            let message = IngestMessage(
                deviceID: DeviceID("d1"), messageID: "m1", receivedAt: Self.start, readings: [],
                events: [Self.event("evt_1", patient: "p1")])
            let repeated = IngestMessage(
                deviceID: DeviceID("d1"), messageID: "m1", receivedAt: Self.start, readings: [],
                events: [Self.event("evt_2", patient: "p1")])
            #expect(try await store.ingest.commit([message, repeated]) == [.stored, .duplicate])
            #expect(try await claim(store).map(\.event.id) == ["evt_1"])
        }
    }

    @Test(arguments: StoreBackend.available)
    func tracksEndpointHealth(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let id = WebhookEndpointID("a")
            try await store.webhooks.create(Self.endpoint("a"))
            #expect(try await store.webhooks.recordHealth(id, succeeded: false, at: Self.start) == Self.start)
            #expect(
                try await store.webhooks.recordHealth(id, succeeded: false, at: Self.start.addingTimeInterval(9))
                    == Self.start)
            try await store.webhooks.disable(id, reason: "failing")
            let endpoint = try #require(try await store.webhooks.endpoint(id))
            #expect(!endpoint.enabled && endpoint.disabledReason == "failing" && endpoint.failingSince == Self.start)
            try await store.webhooks.delete(id)
            #expect(try await store.webhooks.endpoint(id) == nil)
        }
    }
}
