import Foundation
import Testing
import VigilCore
import VigilStore

@Suite("RuleStore contract")
struct RuleStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func rulesAreReplacedPerPatient(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let (a, _) = try await Fixtures.seedPatient(in: store, "A")
            let (b, _) = try await Fixtures.seedPatient(in: store, "B")
            #expect(try await store.rules.rules(of: a) == nil)

            let first = StoredRuleSet(
                json: Data(#"{"formatVersion":1,"rules":[]}"#.utf8), updatedAt: Fixtures.base, updatedBy: UserID("dr-a"))
            try await store.rules.setRules(first, of: a)
            #expect(try await store.rules.rules(of: a) == first)
            #expect(try await store.rules.rules(of: b) == nil)

            let second = StoredRuleSet(
                json: Data(#"{"formatVersion":1,"rules":[{"id":"x"}]}"#.utf8), updatedAt: Fixtures.minutes(1),
                updatedBy: nil)
            try await store.rules.setRules(second, of: a)
            #expect(try await store.rules.rules(of: a) == second)
        }
    }

    @Test(arguments: StoreBackend.available)
    func rulesForAnUnknownPatientAreRefused(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let rules = StoredRuleSet(json: Data("{}".utf8), updatedAt: Fixtures.base, updatedBy: nil)
            await #expect(throws: StoreError(.notFound, entity: "patient")) {
                try await store.rules.setRules(rules, of: PatientID("nobody"))
            }
        }
    }
}
