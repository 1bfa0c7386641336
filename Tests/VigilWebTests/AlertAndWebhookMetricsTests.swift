import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore

/// Alert, escalation and webhook metrics move with what the server does.
struct AlertAndWebhookMetricsTests {
    let metrics = OperationsEndpointTests()

    @Test func escalationsAndActiveAlertsAreCountedBySeverity() async throws {
        let clock = TestClock.dayBehind()
        try await TestWorld.with(now: { clock.now }) { world, client in
            let device = try await world.createDevice(client)
            try await world.post(
                Vitals(respiratoryRate: 26, spo2: 92, systolic: 98, heartRate: 115, temperature: 38.6), client,
                device: device)
            var text = try await metrics.metrics(client)
            #expect(metrics.sample(text, #"vigil_alerts_active{severity="critical"}"#) == 1)
            #expect(metrics.sample(text, #"vigil_alert_escalations_total{severity="critical"}"#) == nil)

            clock.advance(minutes: 7)
            #expect(try await world.assembly.monitoring.escalation.tick() == 1)
            text = try await metrics.metrics(client)
            #expect(metrics.sample(text, #"vigil_alert_escalations_total{severity="critical"}"#) == 1)
        }
    }

    @Test func failedWebhookAttemptsAreCountedAndTimed() async throws {
        try await TestWorld.with { world, client in
            // Nothing listens on the discard port: every attempt fails and is retried later.
            let created = try await client.execute(
                uri: "/api/v1/webhooks", method: .post, headers: world.headers(.admin),
                body: .json(#"{"url":"https://127.0.0.1:9/hooks","events":["device.quarantine"]}"#))
            try #require(created.status == .created, "\(created.text)")
            let device = try await world.createDevice(client)
            _ = try await world.send(client, device: device, body: #"{"heartRate": 900}"#)
            var retried: Double?
            var text = ""
            for _ in 0..<100 where retried == nil {
                try await Task.sleep(for: .milliseconds(100))
                text = try await metrics.metrics(client)
                retried = metrics.sample(text, #"vigil_webhook_deliveries_total{outcome="retry"}"#)
            }
            #expect(retried == 1)
            #expect(metrics.sample(text, "vigil_webhook_delivery_duration_seconds_count") == 1)
            #expect(metrics.sample(text, #"vigil_webhook_deliveries_total{outcome="delivered"}"#) == nil)
        }
    }
}
