import Foundation
import Logging
import Testing
import VigilApp
import VigilCore
import VigilSecurity
import VigilStore

/// Demo mode on a compressed clock: the deteriorating patient's NEWS2 rises
/// and a NEWS2 alert opens within the first two (simulated) minutes.
struct DemoModeTests {
    @Test(.timeLimit(.minutes(2)))
    func deterioratingPatientRaisesNEWS2AlertWithinTwoMinutes() async throws {
        var configured = DemoConfiguration()
        configured.timeScale = 5
        configured.historyDays = 0.1
        let demo = configured
        // Paused while the world is set up and the history written, so that
        // only the simulated minutes after the start are compressed.
        let clock = DemoClock(start: Date(), scale: demo.timeScale, paused: true)
        try await TestWorld.with(now: { clock.now() }) { world, _ in
            let ward = try await DemoWard.prepare(
                demo, start: clock.start, store: world.store, devices: world.assembly.web.devices,
                passwords: PasswordHasher(configuration: .init(cost: 4)))
            #expect(ward.isNew)
            #expect(ward.plan.patients[0].profile == .sepsis)
            let simulator = DemoSimulator(
                ward: ward, configuration: demo, ingestor: world.assembly.ingestor, clock: clock,
                logger: Logger(label: "demo-test"), tick: .milliseconds(100))
            let running = Task { try await simulator.run() }
            defer { running.cancel() }

            let septic = ward.patientIDs[0]
            var alert: Alert?
            while alert == nil, clock.now() < clock.start.addingTimeInterval(10 * 60) {
                try await Task.sleep(for: .milliseconds(200))
                alert = try await world.store.alerts.alerts(matching: AlertQuery(patients: [septic]))
                    .first { $0.ruleID == "news2" && $0.severity >= .high }
            }
            let raised = try #require(alert, "no NEWS2 alert for the deteriorating patient")
            #expect(raised.firstFiredAt.timeIntervalSince(clock.start) <= 120)

            let scores = try await world.store.readings.readings(
                of: septic, matching: ReadingQuery(type: .news2Score, limit: 10_000))
            // NEWS2 rose: from the history's first stored total to at least 5.
            // (The rise may be stored before the clock starts: the deterioration
            // sets in 90 s earlier, and the history covers it.)
            let totals = scores.sorted { $0.measuredAt < $1.measuredAt }.map(\.value)
            #expect((totals.max() ?? 0) >= 5)
            #expect((totals.first ?? 0) < (totals.max() ?? 0))
        }
    }

    @Test func demoWardIsCreatedOnceAndFoundAgain() async throws {
        try await TestWorld.with { world, _ in
            var demo = DemoConfiguration()
            demo.patients = 6
            let passwords = PasswordHasher(configuration: .init(cost: 4))
            let first = try await DemoWard.prepare(
                demo, start: Date(), store: world.store, devices: world.assembly.web.devices, passwords: passwords)
            let again = try await DemoWard.prepare(
                demo, start: Date(), store: world.store, devices: world.assembly.web.devices, passwords: passwords)
            #expect(first.isNew && !again.isNew)
            #expect(first.patientIDs == again.patientIDs)
            let clinician = try #require(try await world.store.users.user(named: DemoConfiguration.clinician.username))
            #expect(try await world.store.patients.patients(onCareTeamOf: clinician.id).count == 6)
            let patientUser = try #require(try await world.store.users.user(named: DemoConfiguration.patient.username))
            #expect(patientUser.patientID == first.patientIDs[1])
            #expect(try await world.store.devices.devices(of: first.patientIDs[0]).count == 2)
        }
    }
}
