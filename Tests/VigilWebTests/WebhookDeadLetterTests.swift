import Foundation
import HummingbirdTesting
import Logging
import Testing
import VigilCore
import VigilIntegrations

/// A webhook delivery that fails every retry goes dead, raises an operational
/// alert that only administrators see, and can be replayed; driven by an
/// injectable relay clock, without sleeping.
struct WebhookDeadLetterTests {
    /// Answers every request with the status of the moment, and keeps the requests.
    final class ScriptedReceiver: WebhookTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var status = 500
        private var received: [WebhookRequest] = []

        func send(_ request: WebhookRequest) async -> WebhookResponse {
            lock.withLock {
                received.append(request)
                return WebhookResponse(status: status, error: nil)
            }
        }

        func answer(_ status: Int) { lock.withLock { self.status = status } }
        var requests: [WebhookRequest] { lock.withLock { received } }
    }

    /// A delivery as the deliveries route lists it.
    struct DeliveryBody: Decodable {
        struct Attempt: Decodable { let status: Int? }
        let id: Int64
        let state: String
        let attempts: Int
        let history: [Attempt]
    }

    @Test func deadLetterRaisesAnAdminOnlyAlertAndReplayDeliversTheSameMessage() async throws {
        // The server's own relay stays off: it would claim the same deliveries on the real clock.
        try await TestWorld.with(webhookRelay: false) { world, client in
            let created = try await client.execute(
                uri: "/api/v1/webhooks", method: .post, headers: world.headers(.admin),
                body: .json(#"{"url":"https://ehr.example.test/hooks","events":["alert.created"]}"#))
            try #require(created.status == .created, "\(created.text)")
            struct Created: Decodable { let id: String }
            let endpoint = try created.json(Created.self).id
            let device = try await world.createDevice(client)
            try await world.post(Vitals(heartRate: 135), client, device: device)

            let receiver = ScriptedReceiver()
            var configuration = WebhookRelay.Configuration()
            configuration.schedule = RetrySchedule(delays: [0, 60], jitter: 0)
            let relay = WebhookRelay(
                webhooks: world.store.webhooks, outbox: world.store.outbox, vault: world.assembly.vault,
                transport: receiver, configuration: configuration, logger: Logger(label: "test"),
                onDeadLetter: { await world.assembly.raiseDeadLetterAlert($0) })

            // The relay's own clock: deliveries fall due at the store's time of
            // writing (a second ago at most).
            var relayTime = Date() + 1
            // First attempt fails; the retry is not due 30 s later, and is 61 s later.
            #expect(try await relay.deliverDue(now: relayTime) == 1)
            relayTime += 30
            #expect(try await relay.deliverDue(now: relayTime) == 0)
            #expect(try await world.alerts(client, as: .admin).allSatisfy { $0.patientId != nil })
            relayTime += 31
            #expect(try await relay.deliverDue(now: relayTime) == 1)

            let deliveries = try await client.execute(
                uri: "/api/v1/webhooks/\(endpoint)/deliveries", method: .get, headers: world.headers(.admin))
            let dead = try #require(try deliveries.json([DeliveryBody].self).first)
            #expect(dead.state == "dead" && dead.attempts == 2 && dead.history.map(\.status) == [500, 500])

            // The admin sees an operational alert (no patient); clinicians do not, not even by id.
            let operational = try #require(
                try await world.alerts(client, as: .admin).first { $0.ruleId == "webhook.dead-letter.\(endpoint)" })
            #expect(operational.patientId == nil && operational.severity == "high" && operational.state == "open")
            #expect(try await world.alerts(client, as: .assignedClinician).allSatisfy { $0.patientId != nil })
            let hidden = try await client.execute(
                uri: "/api/v1/alerts/\(operational.id)", method: .get, headers: world.headers(.assignedClinician))
            #expect(hidden.status == .notFound)
            #expect(try await world.act("acknowledge", on: operational.id, client, as: .assignedClinician).status == .notFound)

            // Replay: the receiver is back; the same message (same webhook-id) arrives.
            receiver.answer(204)
            let replay = try await client.execute(
                uri: "/api/v1/webhooks/\(endpoint)/deliveries/\(dead.id)/replay", method: .post,
                headers: world.headers(.admin))
            #expect(replay.status == .ok || replay.status == .accepted, "\(replay.text)")
            #expect(try await relay.deliverDue(now: relayTime) == 1)
            let ids = receiver.requests.map { $0.headers["webhook-id"] }
            #expect(ids.count == 3 && Set(ids).count == 1 && ids[0] != nil)
            let delivered = try await client.execute(
                uri: "/api/v1/webhooks/\(endpoint)/deliveries", method: .get, headers: world.headers(.admin))
            #expect(try delivered.json([DeliveryBody].self).first?.state == "delivered")

            // A second dead letter to the endpoint counts on the same alert, which the admin acknowledges.
            receiver.answer(503)
            let resolved = try await world.act("resolve", on: try #require(try await world.alerts(client).first).id, client)
            #expect(resolved.status == .ok)
            try await world.post(Vitals(heartRate: 136), client, device: device)
            #expect(try await relay.deliverDue(now: relayTime) == 1)
            relayTime += 61
            #expect(try await relay.deliverDue(now: relayTime) == 1)
            let counted = try #require(try await world.alerts(client, as: .admin).first { $0.id == operational.id })
            #expect(counted.occurrences == 2)
            #expect(try await world.act("acknowledge", on: operational.id, client, as: .admin).status == .ok)

            // Its live events reach the admin's stream only.
            let tag = "webhook.dead-letter.\(endpoint)"
            #expect(try await world.replayedEvents(client, as: .admin).filter { $0.data.contains(tag) }.count == 3)
            let clinicianEvents = try await world.replayedEvents(client, as: .assignedClinician)
            #expect(!clinicianEvents.isEmpty && clinicianEvents.allSatisfy { !$0.data.contains(tag) })
        }
    }
}
