import Foundation
import Testing
import VigilCore
import VigilSecurity
import VigilStore

@Suite("AuditStore contract")
struct AuditStoreContractTests {
    let sealer = SHA256AuditSealer()

    static func entry(_ index: Int, patient: PatientID? = nil) -> AuditEntry {
        AuditEntry(
            time: Fixtures.milliseconds(Int64(index) * 1001), userID: UserID("user-\(index % 3)"),
            username: "user\(index % 3)", role: index.isMultiple(of: 2) ? .clinician : nil,
            action: "patient.read", patientID: patient, outcome: index.isMultiple(of: 5) ? .denied : .success,
            sourceAddress: index.isMultiple(of: 2) ? "192.0.2.\(index)" : nil,
            detail: index.isMultiple(of: 3) ? "GET /api/v1/patients/:id" : nil)
    }

    @Test(arguments: StoreBackend.available)
    func appendNumbersFromOneAndChainsHashes(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            #expect(try await store.audit.head() == nil)
            var appended: [AuditRecord] = []
            for index in 0..<6 {
                appended.append(try await store.audit.append(Self.entry(index, patient: PatientID("p-\(index % 2)"))))
            }

            #expect(appended.map(\.sequence) == [1, 2, 3, 4, 5, 6])
            var previousHash = sealer.genesisHash
            for (index, record) in appended.enumerated() {
                #expect(record.entry == Self.entry(index, patient: PatientID("p-\(index % 2)")))
                #expect(record.previousHash == previousHash)
                #expect(
                    record.hash
                        == sealer.seal(sequence: record.sequence, entry: record.entry, previousHash: previousHash))
                previousHash = record.hash
            }
            #expect(try await store.audit.head() == AuditHead(sequence: 6, hash: appended[5].hash))
            #expect(try await store.audit.records(after: 0, limit: 100) == appended)
            #expect(try await AuditVerifier(store: store.audit, sealer: sealer).verify() == .intact(count: 6))
        }
    }

    @Test(arguments: StoreBackend.available)
    func recordsAfterPagesInOrder(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            #expect(try await store.audit.records(after: 0, limit: 10).isEmpty)
            for index in 0..<5 { try await store.audit.append(Self.entry(index)) }

            #expect(try await store.audit.records(after: 2, limit: 2).map(\.sequence) == [3, 4])
            #expect(try await store.audit.records(after: 3, limit: 10).map(\.sequence) == [4, 5])
            #expect(try await store.audit.records(after: 5, limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func recentIsNewestFirstAndFiltersByPatient(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let ada = PatientID("ada")
            let bea = PatientID("bea")
            let patients: [PatientID?] = [ada, bea, nil, ada, bea, ada]
            for (index, patient) in patients.enumerated() {
                try await store.audit.append(Self.entry(index, patient: patient))
            }

            #expect(try await store.audit.recent(limit: 3, patient: nil).map(\.sequence) == [6, 5, 4])
            #expect(try await store.audit.recent(limit: 10, patient: ada).map(\.sequence) == [6, 4, 1])
            #expect(try await store.audit.recent(limit: 1, patient: bea).map(\.sequence) == [5])
            #expect(try await store.audit.recent(limit: 10, patient: PatientID("nobody")).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func concurrentAppendsFormOneGaplessValidChain(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let audit = store.audit
            let sequences = try await withThrowingTaskGroup(of: Int64.self) { group in
                for index in 0..<50 {
                    group.addTask { try await audit.append(Self.entry(index)).sequence }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            #expect(sequences.sorted() == Array(1...50))
            #expect(try await store.audit.head()?.sequence == 50)
            #expect(try await AuditVerifier(store: audit, sealer: sealer, pageSize: 7).verify() == .intact(count: 50))
        }
    }

    @Test(arguments: StoreBackend.available)
    func emptyLogVerifiesIntact(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let verdict = try await AuditVerifier(store: store.audit, sealer: sealer).verify()
            #expect(verdict == .intact(count: 0))
        }
    }
}
