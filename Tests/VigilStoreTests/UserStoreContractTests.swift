import Foundation
import Testing
import VigilCore
import VigilStore

@Suite("UserStore contract")
struct UserStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func createdUserIsFoundByIDAndByName(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let patient = Fixtures.patient()
            try await store.patients.create(patient)
            let clinician = Fixtures.user("dr.house")
            let patientUser = User(
                username: "ada", displayName: "Ada", role: .patient, patientID: patient.id, passwordHash: "$2b$12$x",
                isDisabled: true, createdAt: Fixtures.minutes(3))
            try await store.users.create(clinician)
            try await store.users.create(patientUser)

            #expect(try await store.users.user(clinician.id) == clinician)
            #expect(try await store.users.user(patientUser.id) == patientUser)
            #expect(try await store.users.user(named: "ada") == patientUser)
            #expect(try await store.users.user(named: "ADA") == nil)
            #expect(try await store.users.user(named: "nobody") == nil)
            #expect(try await store.users.user(UserID("missing")) == nil)
        }
    }

    @Test(arguments: StoreBackend.available)
    func duplicateUsernameThrowsConflictThatNamesNoUser(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let original = Fixtures.user("grace.hopper")
            try await store.users.create(original)

            let error = await #expect(throws: StoreError.self) {
                try await store.users.create(Fixtures.user("grace.hopper", role: .admin))
            }
            #expect(error?.code == .conflict)
            #expect(error.map { String(describing: $0).contains("grace") } == false)
            #expect(try await store.users.count() == 1)
            #expect(try await store.users.user(named: "grace.hopper") == original)
        }
    }

    @Test(arguments: StoreBackend.available)
    func allIsOrderedByUsernameAndCounted(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            #expect(try await store.users.count() == 0)
            for name in ["carol", "alice", "bob"] { try await store.users.create(Fixtures.user(name)) }
            #expect(try await store.users.all().map(\.username) == ["alice", "bob", "carol"])
            #expect(try await store.users.count() == 3)
        }
    }

    @Test(arguments: StoreBackend.available)
    func updateReplacesTheUser(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            var user = Fixtures.user("alice")
            try await store.users.create(user)
            user.username = "alice.b"
            user.displayName = "Alice B"
            user.role = .admin
            user.passwordHash = "$2b$12$new"
            user.isDisabled = true
            try await store.users.update(user)

            #expect(try await store.users.user(user.id) == user)
            #expect(try await store.users.user(named: "alice") == nil)
            #expect(try await store.users.user(named: "alice.b") == user)
        }
    }

    @Test(arguments: StoreBackend.available)
    func updatingMissingUserThrowsNotFound(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let error = await #expect(throws: StoreError.self) { try await store.users.update(Fixtures.user("ghost")) }
            #expect(error?.code == .notFound)
            let count = try await store.users.count()
            #expect(count == 0)
        }
    }
}
