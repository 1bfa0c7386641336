import Foundation
import Testing
import VigilCore
import VigilStore

@Suite("PatientStore contract")
struct PatientStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func createdPatientReadsBackUnchanged(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let patient = Patient(
                displayName: "Ada Lovelace", birthDate: CalendarDate("1815-12-10"), mrn: "MRN-0042",
                news2Scale: .scale2, conditions: [.copd, .heartFailure], createdAt: Fixtures.base,
                updatedAt: Fixtures.minutes(5))
            let minimal = Fixtures.patient("Bea")
            try await store.patients.create(patient)
            try await store.patients.create(minimal)

            #expect(try await store.patients.patient(patient.id) == patient)
            #expect(try await store.patients.patient(minimal.id) == minimal)
            #expect(try await store.patients.patient(PatientID("missing")) == nil)
        }
    }

    @Test(arguments: StoreBackend.available)
    func creatingPatientWithExistingIDThrowsConflict(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let patient = Fixtures.patient("Ada")
            try await store.patients.create(patient)
            await #expect(throws: StoreError.self) {
                try await store.patients.create(Fixtures.patient("Other", id: patient.id.rawValue))
            }
            #expect(try await store.patients.patient(patient.id) == patient)
        }
    }

    @Test(arguments: StoreBackend.available)
    func updateReplacesThePatient(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            var patient = Fixtures.patient("Ada")
            try await store.patients.create(patient)
            patient.displayName = "Ada King"
            patient.mrn = "MRN-7"
            patient.birthDate = CalendarDate("1815-12-10")
            patient.news2Scale = .scale2
            patient.conditions = [.diabetes]
            patient.updatedAt = Fixtures.minutes(60)
            try await store.patients.update(patient)
            #expect(try await store.patients.patient(patient.id) == patient)

            patient.mrn = nil
            patient.birthDate = nil
            patient.conditions = []
            try await store.patients.update(patient)
            #expect(try await store.patients.patient(patient.id) == patient)
        }
    }

    @Test(arguments: StoreBackend.available)
    func updatingMissingPatientThrowsNotFound(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let error = await #expect(throws: StoreError.self) {
                try await store.patients.update(Fixtures.patient("Nobody"))
            }
            #expect(error?.code == .notFound)
            let patients = try await store.patients.all()
            #expect(patients.isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func allIsOrderedByDisplayNameThenID(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            // Names that sort the same in every collation.
            let patients = [
                Fixtures.patient("Carol", id: "p-1"), Fixtures.patient("Alice", id: "p-3"),
                Fixtures.patient("Bob", id: "p-2"), Fixtures.patient("Alice", id: "p-0"),
            ]
            for patient in patients { try await store.patients.create(patient) }
            #expect(try await store.patients.all().map(\.id.rawValue) == ["p-0", "p-3", "p-2", "p-1"])
        }
    }

    @Test(arguments: StoreBackend.available)
    func careTeamIsSetReplacedAndQueried(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let ward = [Fixtures.patient("Bob"), Fixtures.patient("Alice"), Fixtures.patient("Carol")]
            for patient in ward { try await store.patients.create(patient) }
            let clinicians = [Fixtures.user("drone"), Fixtures.user("drtwo"), Fixtures.user("drthree")]
            for clinician in clinicians { try await store.users.create(clinician) }
            let (bob, alice, carol) = (ward[0].id, ward[1].id, ward[2].id)
            let (one, two, three) = (clinicians[0].id, clinicians[1].id, clinicians[2].id)
            #expect(try await store.patients.careTeam(of: bob).isEmpty)

            try await store.patients.setCareTeam(of: bob, to: [one, two])
            try await store.patients.setCareTeam(of: alice, to: [two])
            #expect(Set(try await store.patients.careTeam(of: bob)) == [one, two])
            #expect(try await store.patients.isOnCareTeam(one, patient: bob))
            #expect(try await store.patients.isOnCareTeam(one, patient: alice) == false)
            #expect(try await store.patients.patients(onCareTeamOf: two).map(\.id) == [alice, bob])

            try await store.patients.setCareTeam(of: bob, to: [two, three])
            #expect(Set(try await store.patients.careTeam(of: bob)) == [two, three])
            #expect(try await store.patients.isOnCareTeam(one, patient: bob) == false)
            #expect(try await store.patients.isOnCareTeam(three, patient: bob))
            #expect(try await store.patients.patients(onCareTeamOf: one).isEmpty)
            #expect(try await store.patients.patients(onCareTeamOf: three).map(\.id) == [bob])
            #expect(try await store.patients.careTeam(of: carol).isEmpty)

            try await store.patients.setCareTeam(of: bob, to: [])
            #expect(try await store.patients.careTeam(of: bob).isEmpty)
            #expect(try await store.patients.patients(onCareTeamOf: two).map(\.id) == [alice])
        }
    }
}
