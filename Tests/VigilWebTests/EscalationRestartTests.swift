import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import VigilApp
import VigilCore
import VigilStore

/// Escalation deadlines are stored, so a restart between an alert's creation
/// and its deadline does not lose the escalation.
struct EscalationRestartTests {
    @Test func alertEscalatesAfterTheServerRestartsBeforeItsDeadline() async throws {
        let clock = TestClock.dayBehind()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-restart-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }

        // First run: a critical NEWS2 alert, due 5 minutes later; the server stops at once.
        try await TestWorld.with(now: { clock.now }, folder: folder) { world, client in
            let device = try await world.createDevice(client)
            try await world.post(
                Vitals(respiratoryRate: 26, spo2: 92, systolic: 98, heartRate: 115, temperature: 38.6), client,
                device: device)
            let alert = try #require(try await world.alerts(client).first)
            #expect(alert.severity == "critical" && alert.escalationLevel == 0)
        }

        // Second run on the same database file, after the deadline passed while it was down.
        clock.advance(minutes: 7)
        let configuration = VigilConfiguration(
            dataDirectory: folder.path, sqliteSynchronousFull: false, passwords: .init(cost: 4))
        let logger = Logger(label: "test")
        let store = try await StoreFactory.openMigrated(configuration, logger: logger)
        do {
            let assembly = try VigilServer(configuration: configuration, logger: logger, now: { clock.now })
                .assemble(store: store)
            #expect(try await assembly.monitoring.escalation.tick() == 1)
            let alerts = try await store.alerts.alerts(matching: AlertQuery())
            #expect(alerts.count == 1)
            #expect(alerts.first?.escalationLevel == 1 && alerts.first?.state == .open)
            #expect(alerts.first?.nextEscalationAt == clock.now.addingTimeInterval(5 * 60).truncatedToMilliseconds)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}
