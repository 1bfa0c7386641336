import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore

/// Live evaluation end to end: readings posted through the HTTPS device
/// endpoint become NEWS2 results and alerts, which clinicians see, act on and
/// stream, and which escalate when nobody acknowledges them. Time is a
/// `TestClock` moved by hand; nothing sleeps.
struct AlertingEndToEndTests {
    @Test func deterioratingPatientRaisesOneNEWS2AlertThatRisesInSeverityAndEscalates() async throws {
        let clock = TestClock.dayBehind()
        try await TestWorld.with(now: { clock.now }) { world, client in
            let device = try await world.createDevice(client)

            // 0: all normal. 1 h: total 4, low risk. Neither raises an alert.
            try await world.post(
                Vitals(respiratoryRate: 16, spo2: 97, systolic: 125, heartRate: 72, temperature: 37.0), client,
                device: device)
            clock.advance(minutes: 60)
            try await world.post(
                Vitals(respiratoryRate: 22, spo2: 95, systolic: 115, heartRate: 95, temperature: 37.8), client,
                device: device)
            #expect(try await world.news2Totals(client) == [4, 0])
            #expect(try await world.alerts(client).isEmpty)

            // 2 h: total 5, medium risk → one high-severity alert.
            clock.advance(minutes: 60)
            let medium = Vitals(respiratoryRate: 22, spo2: 94, systolic: 108, heartRate: 100, temperature: 38.0)
            try await world.post(medium, client, device: device)
            var alerts = try await world.alerts(client)
            #expect(alerts.count == 1)
            let alert = try #require(alerts.first)
            #expect(alert.ruleId == "news2" && alert.severity == "high" && alert.state == "open")
            #expect(alert.title == "NEWS2 5 (medium risk)" && alert.occurrences == 1 && alert.escalationLevel == 0)

            // 2 h 05: the same values again: the same alert, one more occurrence, no new NEWS2 result.
            clock.advance(minutes: 5)
            try await world.post(medium, client, device: device)
            alerts = try await world.alerts(client)
            #expect(alerts.map(\.id) == [alert.id])
            #expect(alerts.first?.occurrences == 2 && alerts.first?.severity == "high")
            #expect(try await world.news2Totals(client) == [5, 4, 0])

            // 2 h 10: total 10, high risk: the same alert rises to critical.
            clock.advance(minutes: 5)
            try await world.post(
                Vitals(respiratoryRate: 26, spo2: 92, systolic: 98, heartRate: 115, temperature: 38.6), client,
                device: device)
            alerts = try await world.alerts(client)
            #expect(alerts.map(\.id) == [alert.id])
            #expect(alerts.first?.severity == "critical" && alerts.first?.occurrences == 3)
            #expect(alerts.first?.title == "NEWS2 10 (high risk)")
            #expect(try await world.news2Totals(client) == [10, 5, 4, 0])

            // Not acknowledged: at 2 h 14 nothing is due; past the 2 h 15 deadline it escalates.
            clock.advance(minutes: 4)
            #expect(try await world.assembly.monitoring.escalation.tick() == 0)
            clock.advance(minutes: 2)
            #expect(try await world.assembly.monitoring.escalation.tick() == 1)
            alerts = try await world.alerts(client)
            #expect(alerts.first?.escalationLevel == 1 && alerts.first?.state == "open")
            // The next level is due five minutes (critical) later.
            clock.advance(minutes: 5)
            #expect(try await world.assembly.monitoring.escalation.tick() == 1)
            #expect(try await world.alerts(client).first?.escalationLevel == 2)

            // Acknowledged, it stops escalating; a second acknowledgement is a conflict.
            let acknowledged = try await world.act("acknowledge", on: alert.id, client, note: "Calling the patient")
            #expect(acknowledged.status == .ok, "\(acknowledged.text)")
            let body = try acknowledged.json(AlertBody.self)
            let clinician = try await world.user(.assignedClinician)
            #expect(body.state == "acknowledged" && body.acknowledgedBy == clinician.id.rawValue)
            #expect(body.acknowledgementNote == "Calling the patient" && body.nextEscalationAt == nil)
            let again = try await world.act("acknowledge", on: alert.id, client)
            #expect(again.status == .conflict && again.errorCode == "alert_not_open")
            clock.advance(minutes: 60)
            #expect(try await world.assembly.monitoring.escalation.tick() == 0)

            // Resolved by the clinician with a note.
            let resolved = try await world.act("resolve", on: alert.id, client, note: "Admitted")
            #expect(resolved.status == .ok)
            #expect(try resolved.json(AlertBody.self).resolutionNote == "Admitted")
            #expect(try await world.alerts(client, query: "state=open,acknowledged").isEmpty)
            #expect(try await world.alerts(client, query: "state=resolved").map(\.id) == [alert.id])

            // The stream replays the whole story, in order.
            let events = try await world.replayedEvents(client, as: .assignedClinician)
            #expect(
                events.map(\.type) == [
                    "news2.updated", "news2.updated", "news2.updated", "alert.created", "alert.updated",
                    "news2.updated", "alert.updated", "alert.escalated", "alert.escalated", "alert.acknowledged",
                    "alert.resolved",
                ])
            #expect(events.allSatisfy { $0.data.contains(world.patientA.id.rawValue) })
        }
    }

    @Test func clinicianOutsideTheCareTeamCannotSeeActOnOrStreamTheAlert() async throws {
        let clock = TestClock.dayBehind()
        try await TestWorld.with(now: { clock.now }) { world, client in
            let device = try await world.createDevice(client)
            try await world.post(
                Vitals(respiratoryRate: 26, spo2: 92, systolic: 98, heartRate: 115, temperature: 38.6), client,
                device: device)
            let alert = try #require(try await world.alerts(client).first)
            #expect(alert.severity == "critical")

            #expect(try await world.alerts(client, as: .unassignedClinician).isEmpty)
            #expect(try await world.alerts(client, as: .admin).map(\.id) == [alert.id])
            let filtered = try await client.execute(
                uri: "/api/v1/alerts?patientId=\(world.patientA.id)", method: .get,
                headers: world.headers(.unassignedClinician))
            #expect(filtered.status == .notFound)
            let read = try await client.execute(
                uri: "/api/v1/alerts/\(alert.id)", method: .get, headers: world.headers(.unassignedClinician))
            #expect(read.status == .notFound)
            for action in ["acknowledge", "resolve"] {
                let response = try await world.act(action, on: alert.id, client, as: .unassignedClinician)
                #expect(response.status == .notFound)
            }
            // Patient users do not get the clinical alert workflow.
            let patient = try await client.execute(uri: "/api/v1/alerts", method: .get, headers: world.headers(.patientA))
            #expect(patient.status == .forbidden)
            #expect(try await world.alerts(client).first?.state == "open")

            #expect(try await world.replayedEvents(client, as: .unassignedClinician).isEmpty)
            let own = try await world.replayedEvents(client, as: .patientA)
            #expect(own.map(\.type) == ["news2.updated"])
            #expect(try await world.replayedEvents(client, as: .patientB).isEmpty)
            #expect(try await world.replayedEvents(client, as: .admin).map(\.type) == ["news2.updated", "alert.created"])

            let denied = try await world.store.audit.recent(limit: 50, patient: nil)
                .filter { $0.entry.action == "alert.acknowledge" && $0.entry.outcome == .denied }
            #expect(denied.count == 1)
        }
    }
}
