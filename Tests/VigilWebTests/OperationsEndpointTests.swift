import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VigilApp
import VigilCore

/// `/metrics` and `/health/ready`: counters move with traffic, labels carry
/// route templates and codes but no identifiers, and readiness reports each check.
struct OperationsEndpointTests {
    func metrics(_ client: any TestClientProtocol) async throws -> String {
        let response = try await client.execute(uri: "/metrics", method: .get)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
        return response.text
    }

    /// The value of one sample line (`name{labels} value`), or nil.
    func sample(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    @Test func ingestCountersAndHistogramsMoveWithTelemetry() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client, id: "metrics-device")
            _ = try await world.send(client, device: device, body: #"{"heartRate": 72, "spo2": 97}"#)
            _ = try await world.send(
                client, device: device,
                body: #"{"readings":[{"type":"heartRate","value":70},{"type":"heartRate","value":900}]}"#)
            _ = try await world.send(client, device: device, body: #"{"heartRate": 71}"#, token: "SharedAccessSignature sr=x&sig=y&se=1")
            let text = try await metrics(client)
            #expect(sample(text, #"vigil_ingest_messages_total{protocol="https",outcome="stored"}"#) == 1)
            #expect(sample(text, #"vigil_ingest_messages_total{protocol="https",outcome="partially_quarantined"}"#) == 1)
            #expect(sample(text, #"vigil_ingest_messages_total{protocol="https",outcome="unauthorized"}"#) == 1)
            #expect(sample(text, #"vigil_ingest_readings_total{protocol="https",outcome="accepted"}"#) == 3)
            #expect(sample(text, #"vigil_ingest_readings_total{protocol="https",outcome="quarantined"}"#) == 1)
            #expect(sample(text, #"vigil_quarantine_items_total{reason="implausible_value"}"#) == 1)
            #expect((sample(text, "vigil_ingest_commit_batch_messages_count") ?? 0) >= 2)
            #expect((sample(text, "vigil_ingest_commit_duration_seconds_count") ?? 0) >= 2)
            #expect(sample(text, "vigil_mqtt_connected_devices") == 0)
            #expect(sample(text, #"vigil_alerts_active{severity="critical"}"#) == 0)
            #expect(sample(text, "vigil_webhook_backlog") == 0)
            #expect((sample(text, "process_resident_memory_bytes") ?? 0) > 1_000_000)
        }
    }

    @Test func httpRequestsAreCountedByRouteTemplateWithoutIdentifiers() async throws {
        try await TestWorld.with { world, client in
            let path = "/api/v1/patients/\(world.patientA.id)"
            _ = try await client.execute(uri: path, method: .get, headers: world.headers(.admin))
            _ = try await client.execute(uri: path, method: .get, headers: world.headers(.patientB))
            _ = try await client.execute(uri: "/no/such/\(world.patientB.id)", method: .get)
            let text = try await metrics(client)
            #expect(!text.contains(world.patientA.id.rawValue))
            #expect(!text.contains(world.patientB.id.rawValue))
            let patientRoutes = text.split(separator: "\n").filter {
                $0.hasPrefix("vigil_http_requests_total") && $0.contains("patients") && $0.contains(#"method="GET""#)
            }
            #expect(patientRoutes.count == 2, "\(patientRoutes)")  // one 200, one 404
            #expect(patientRoutes.allSatisfy { $0.contains(#"status="200""#) || $0.contains(#"status="404""#) })
            #expect(text.contains(#"route="unmatched""#))
        }
    }

    @Test func readinessListsEveryCheckAndFailsWhileAListenerIsNotBound() async throws {
        try await TestWorld.with { world, client in
            struct Body: Decodable {
                struct Check: Decodable {
                    let status: String
                    let detail: String?
                }
                let status: String
                let checks: [String: Check]
            }
            let ready = try await client.execute(uri: "/health/ready", method: .get)
            #expect(ready.status == .ok)
            let body = try ready.json(Body.self)
            #expect(body.status == "ready")
            #expect(Set(body.checks.keys) == ["database", "listeners", "webhookBacklog"])
            #expect(body.checks.values.allSatisfy { $0.status == "up" })

            await world.assembly.listeners.expect("mqtt")
            let notReady = try await client.execute(uri: "/health/ready", method: .get)
            #expect(notReady.status == .serviceUnavailable)
            let failing = try notReady.json(Body.self)
            #expect(failing.checks["listeners"]?.status == "down")
            #expect(failing.checks["listeners"]?.detail?.contains("mqtt") == true)
            #expect(try await client.execute(uri: "/health/live", method: .get).status == .ok)

            await world.assembly.listeners.markBound("mqtt")
            #expect(try await client.execute(uri: "/health/ready", method: .get).status == .ok)
        }
    }
}

/// The webhook backlog readiness check counts pending deliveries against its threshold.
struct WebhookBacklogReadinessTests {
    @Test func backlogOverTheThresholdIsNotReady() async throws {
        try await TestWorld.with { world, client in
            let created = try await client.execute(
                uri: "/api/v1/webhooks", method: .post, headers: world.headers(.admin),
                body: .json(#"{"url":"https://ehr.invalid/hooks","events":["device.quarantine"]}"#))
            try #require(created.status == .created, "\(created.text)")
            let device = try await world.createDevice(client)
            for value in [900, 901, 902] {
                _ = try await world.send(
                    client, device: device, body: #"{"readings":[{"type":"heartRate","value":\#(value)}]}"#)
            }
            let pending = try await world.store.outbox.pendingDeliveryCount()
            #expect(pending == 3)
            #expect(await ReadinessChecks.webhookBacklog(world.store.outbox, threshold: 2).check().isUp == false)
            #expect(await ReadinessChecks.webhookBacklog(world.store.outbox, threshold: 3).check().isUp)
        }
    }
}
