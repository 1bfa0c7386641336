import Foundation
import Logging
import Synchronization
import Testing
import VigilCore
import VigilIntegrations
import VigilSQLite
import VigilSecurity
import VigilStore

/// The relay's rounds over a real SQLite store: an attempt's outcome is
/// recorded by the next round's write, which also claims what it freed.
@Suite struct WebhookRelayRoundTests {
    /// Answers every request 204 and keeps the requests.
    final class Receiver: WebhookTransport {
        let requests = Mutex<[WebhookRequest]>([])

        func send(_ request: WebhookRequest) async -> WebhookResponse {
            requests.withLock { $0.append(request) }
            return WebhookResponse(status: 204, error: nil)
        }

        var ids: [String] { requests.withLock { $0.compactMap { $0.headers["webhook-id"] } } }
    }

    static let start = Date(millisecondsSince1970: 1_800_000_000_000)

    static func event(_ id: String, patient: String) -> OutboxEvent {
        OutboxEvent(
            id: id, type: "device.quarantine", patientID: PatientID(patient), occurredAt: start,
            payload: Data("{\"id\":\"\(id)\"}".utf8))
    }

    @Test func aPatientsNextEventIsClaimedByTheRoundThatRecordsItsPredecessor() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-relay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(
            configuration: SQLiteStore.Configuration(path: folder.appendingPathComponent("vigil.sqlite").path),
            sealer: SHA256AuditSealer())
        _ = try await store.migrate()
        let vault = SecretVault(ring: try MasterKeyRing(keys: [.generate()]))
        let secret = WebhookSecret.generate()
        let endpoint = WebhookEndpoint(
            url: "https://ehr.example.test/hooks", eventTypes: ["device.quarantine"], description: "EHR",
            sealedSecret: try await vault.seal(Data(secret.text.utf8)).text, createdAt: Self.start)
        try await store.webhooks.create(endpoint)
        // Written a second before the relay's clock, so due at once.
        try await store.outbox.enqueue([
            Self.event("evt_1", patient: "p1"), Self.event("evt_2", patient: "p1"), Self.event("evt_3", patient: "p2"),
        ])
        let receiver = Receiver()
        let relay = WebhookRelay(
            webhooks: store.webhooks, outbox: store.outbox, vault: vault, transport: receiver,
            logger: Logger(label: "test"))
        let now = Date() + 1

        let first = try await relay.claim(now: now)
        await relay.attempt(first)
        #expect(receiver.ids == ["evt_1", "evt_3"])
        #expect(await relay.isBusy, "the outcomes wait for the next round")
        let waiting = try await store.outbox.deliveries(of: endpoint.id, limit: 10)
        #expect(waiting.allSatisfy { $0.state == .pending })

        let second = try await relay.claim(now: now + 1)
        await relay.attempt(second)
        #expect(receiver.ids == ["evt_1", "evt_3", "evt_2"], "one patient's events in order, the next one round later")
        try await relay.settle()
        #expect(await !relay.isBusy)
        let delivered = try await store.outbox.deliveries(of: endpoint.id, limit: 10)
        #expect(delivered.map(\.state) == [.delivered, .delivered, .delivered])
        #expect(delivered.allSatisfy { $0.history.count == 1 && $0.history.first?.status == 204 })
        for request in receiver.requests.withLock({ $0 }) {
            let id = try #require(request.headers["webhook-id"])
            let timestamp = try #require(request.headers["webhook-timestamp"].flatMap { Int64($0) })
            let signature = try #require(request.headers["webhook-signature"])
            #expect(
                WebhookSigner.verify(header: signature, id: id, timestamp: timestamp, body: request.body, secret: secret))
        }
        try await store.close()
    }
}
