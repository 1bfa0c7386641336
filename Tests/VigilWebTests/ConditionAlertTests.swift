import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore

/// Condition presets and no-data alerts end to end, through the HTTPS device
/// endpoint, with a hand-moved clock.
struct ConditionAlertTests {
    @Test func heartFailureWeightGainOfAKilogramInADayRaisesAHighAlert() async throws {
        let clock = TestClock.dayBehind()
        try await TestWorld.with(now: { clock.now }) { world, client in
            try await world.setConditions(["heartFailure"], client)
            let device = try await world.createDevice(client)
            try await world.post(Vitals(weight: 80.0), client, device: device)
            clock.advance(minutes: 6 * 60)
            try await world.post(Vitals(weight: 80.6), client, device: device)
            #expect(try await world.alerts(client).isEmpty)

            clock.advance(minutes: 6 * 60)
            try await world.post(Vitals(weight: 81.1), client, device: device)
            let alerts = try await world.alerts(client)
            #expect(alerts.map(\.ruleId) == ["preset.heart-failure.weight-gain-24h"])
            #expect(alerts.first?.severity == "high" && alerts.first?.title == "Weight gain ≥ 1 kg in 24 h")

            // A further gain repeats the same alert.
            clock.advance(minutes: 60)
            try await world.post(Vitals(weight: 81.3), client, device: device)
            let repeated = try await world.alerts(client)
            #expect(repeated.map(\.id) == alerts.map(\.id))
            #expect(repeated.first?.occurrences == 2)
        }
    }

    @Test func hypoglycaemiaRaisesHighThenCriticalAlerts() async throws {
        let clock = TestClock.dayBehind()
        try await TestWorld.with(now: { clock.now }) { world, client in
            try await world.setConditions(["diabetes"], client)
            let device = try await world.createDevice(client)
            try await world.post(Vitals(glucose: 110), client, device: device)
            #expect(try await world.alerts(client).isEmpty)

            clock.advance(minutes: 30)
            try await world.post(Vitals(glucose: 65), client, device: device)
            let low = try await world.alerts(client)
            #expect(low.map(\.ruleId) == ["preset.diabetes.glucose-low"])
            #expect(low.first?.severity == "high")

            clock.advance(minutes: 5)
            try await world.post(Vitals(glucose: 50), client, device: device)
            let alerts = try await world.alerts(client)
            #expect(Set(alerts.map(\.ruleId)) == ["preset.diabetes.glucose-low", "preset.diabetes.glucose-very-low"])
            let veryLow = try #require(alerts.first { $0.ruleId == "preset.diabetes.glucose-very-low" })
            #expect(veryLow.severity == "critical")
            #expect(alerts.first { $0.ruleId == "preset.diabetes.glucose-low" }?.occurrences == 2)

            // The critical alert is due 5 minutes after it was raised, the high one 15.
            clock.advance(minutes: 6)
            #expect(try await world.assembly.monitoring.escalation.tick() == 1)
            let escalated = try await world.alerts(client)
            #expect(escalated.first { $0.ruleId == "preset.diabetes.glucose-very-low" }?.escalationLevel == 1)
            #expect(escalated.first { $0.ruleId == "preset.diabetes.glucose-low" }?.escalationLevel == 0)
        }
    }

    @Test func silenceRaisesANoDataAlertThatDataClears() async throws {
        let clock = TestClock.dayBehind()
        try await TestWorld.with(now: { clock.now }) { world, client in
            let device = try await world.createDevice(client)
            try await world.post(Vitals(heartRate: 70), client, device: device)
            let monitor = world.assembly.monitoring.missingData
            clock.advance(minutes: 23 * 60)
            #expect(try await monitor.tick().isEmpty)

            clock.advance(minutes: 61)
            #expect(try await monitor.tick().count == 1)
            let alerts = try await world.alerts(client)
            #expect(alerts.map(\.ruleId) == ["no-data.heartRate"])
            #expect(alerts.first?.severity == "medium" && alerts.first?.title == "No heart rate data for 24 h")

            // Checking again counts no new occurrence.
            clock.advance(minutes: 10)
            #expect(try await monitor.tick().isEmpty)
            #expect(try await world.alerts(client).first?.occurrences == 1)

            // Data arrives: Vigil resolves the alert itself, with a note.
            try await world.post(Vitals(heartRate: 72), client, device: device)
            let resolved = try await world.alerts(client)
            #expect(resolved.first?.state == "resolved" && resolved.first?.resolvedBy == nil)
            #expect(resolved.first?.resolutionNote == "Resolved automatically: data arrived.")
            #expect(try await monitor.tick().isEmpty)
        }
    }

    @Test func alertAndNEWS2EventsReachTheWebhookOutboxWithTheChange() async throws {
        let clock = TestClock.dayBehind()
        try await TestWorld.with(now: { clock.now }) { world, client in
            let created = try await client.execute(
                uri: "/api/v1/webhooks", method: .post, headers: world.headers(.admin),
                body: .json(#"{"url":"https://ehr.example/hooks","events":["alert.created","news2.updated"]}"#))
            try #require(created.status == .created, "\(created.text)")
            struct Created: Decodable { let id: String }
            struct Delivery: Decodable { let eventType: String }
            let webhook = try created.json(Created.self)
            let device = try await world.createDevice(client)
            try await world.post(
                Vitals(respiratoryRate: 26, spo2: 92, systolic: 98, heartRate: 115, temperature: 38.6), client,
                device: device)
            let deliveries = try await client.execute(
                uri: "/api/v1/webhooks/\(webhook.id)/deliveries", method: .get, headers: world.headers(.admin))
            #expect(deliveries.status == .ok, "\(deliveries.text)")
            #expect(Set(try deliveries.json([Delivery].self).map(\.eventType)) == ["news2.updated", "alert.created"])
        }
    }
}
