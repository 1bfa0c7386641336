import Foundation
import Testing
import VigilCore
import VigilStore

/// `Store.snapshot(of:)`: what live evaluation reads about a patient.
struct PatientSnapshotContractTests {
    @Test(arguments: StoreBackend.available)
    func snapshotHoldsThePatientRulesLatestReadingsAndActiveAlerts(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (patient, _) = try await Fixtures.seedPatient(in: store)
            let (other, _) = try await Fixtures.seedPatient(in: store, "Other Patient")
            let newest = Fixtures.reading(patient, .heartRate, 91, at: Fixtures.minutes(5))
            try await store.readings.insert([
                Fixtures.reading(patient, .heartRate, 80, at: Fixtures.minutes(1)), newest,
                Fixtures.reading(other, .spo2, 90, at: Fixtures.minutes(9)),
            ])
            let rules = StoredRuleSet(json: Data(#"{"formatVersion":1,"rules":[]}"#.utf8), updatedAt: Fixtures.minutes(2), updatedBy: nil)
            try await store.rules.setRules(rules, of: patient)
            var resolved = AlertStoreContractTests.alert(patient, rule: "no-data.heartRate")
            resolved.state = .resolved
            let open = AlertStoreContractTests.alert(patient)
            try await store.alerts.save([resolved, open, AlertStoreContractTests.alert(other)], readings: [])

            let snapshot = try #require(try await store.snapshot(of: patient))
            #expect(snapshot.patient.id == patient)
            #expect(snapshot.storedRules == rules)
            #expect(snapshot.latest == [newest])
            #expect(snapshot.activeAlerts.map(\.id) == [open.id])

            let bare = try #require(try await store.snapshot(of: other))
            #expect(bare.storedRules == nil && bare.latest.map(\.value) == [90])
            #expect(try await store.snapshot(of: PatientID("missing")) == nil)
        }
    }
}
