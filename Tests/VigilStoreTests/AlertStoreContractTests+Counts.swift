import Foundation
import Testing
import VigilCore
import VigilStore

extension AlertStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func activeAlertsAreCountedBySeverityWithoutResolvedOnes(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            #expect(try await store.alerts.activeCountsBySeverity().isEmpty)
            let (patient, _) = try await Fixtures.seedPatient(in: store)
            let saved = try await store.alerts.save(
                [
                    Self.alert(patient, rule: "a", severity: .critical), Self.alert(patient, rule: "b", severity: .high),
                    Self.alert(patient, rule: "c", severity: .high), Self.alert(patient, rule: "d", severity: .low),
                ], readings: [])
            var acknowledged = try #require(saved.first { $0.ruleID == "b" })
            acknowledged.state = .acknowledged
            var resolved = try #require(saved.first { $0.ruleID == "d" })
            resolved.state = .resolved
            try await store.alerts.save([acknowledged, resolved], readings: [])
            #expect(try await store.alerts.activeCountsBySeverity() == [.critical: 1, .high: 2])
        }
    }
}
