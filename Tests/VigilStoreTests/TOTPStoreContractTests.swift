import Foundation
import Testing
import VigilCore
import VigilStore

@Suite("TOTPStore contract")
struct TOTPStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func pendingEnrolmentIsReplacedUntilConfirmedThenKept(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let user = Fixtures.user("alice", role: .admin)
            try await store.users.create(user)
            #expect(try await store.totp.enrolment(of: user.id) == nil)

            #expect(try await store.totp.begin(user.id, sealedSecret: "first", at: Fixtures.base))
            #expect(try await store.totp.begin(user.id, sealedSecret: "second", at: Fixtures.minutes(1)))
            #expect(
                try await store.totp.enrolment(of: user.id)
                    == TOTPEnrolment(userID: user.id, sealedSecret: "second", createdAt: Fixtures.minutes(1)))
            // A pending enrolment accepts no codes.
            #expect(try await store.totp.use(step: 10, of: user.id) == false)

            #expect(try await store.totp.confirmedUsers().isEmpty)
            #expect(try await store.totp.confirm(user.id, at: Fixtures.minutes(2), usingStep: 100))
            #expect(try await store.totp.confirmedUsers() == [user.id])
            #expect(try await store.totp.confirm(user.id, at: Fixtures.minutes(3), usingStep: 101) == false)
            let confirmed = try #require(try await store.totp.enrolment(of: user.id))
            #expect(confirmed.isConfirmed)
            #expect(confirmed.confirmedAt == Fixtures.minutes(2))
            #expect(confirmed.lastUsedStep == 100)

            // A confirmed enrolment is never replaced by a new one.
            #expect(try await store.totp.begin(user.id, sealedSecret: "third", at: Fixtures.minutes(4)) == false)
            #expect(try await store.totp.enrolment(of: user.id)?.sealedSecret == "second")

            try await store.totp.remove(of: user.id)
            #expect(try await store.totp.enrolment(of: user.id) == nil)
            try await store.totp.remove(of: user.id)  // removing twice is harmless
        }
    }

    @Test(arguments: StoreBackend.available)
    func eachStepIsAcceptedOnceAndNeverAfterALaterOne(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let user = Fixtures.user("alice", role: .admin)
            try await store.users.create(user)
            #expect(try await store.totp.begin(user.id, sealedSecret: "secret", at: Fixtures.base))
            #expect(try await store.totp.confirm(user.id, at: Fixtures.base, usingStep: 100))
            #expect(try await store.totp.use(step: 100, of: user.id) == false)
            #expect(try await store.totp.use(step: 101, of: user.id))
            #expect(try await store.totp.use(step: 101, of: user.id) == false)
            #expect(try await store.totp.use(step: 99, of: user.id) == false)
            #expect(try await store.totp.use(step: 102, of: user.id))
            #expect(try await store.totp.enrolment(of: user.id)?.lastUsedStep == 102)
        }
    }

    @Test(arguments: StoreBackend.available)
    func concurrentUsesOfOneStepLetExactlyOneWin(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let user = Fixtures.user("alice", role: .admin)
            try await store.users.create(user)
            #expect(try await store.totp.begin(user.id, sealedSecret: "secret", at: Fixtures.base))
            #expect(try await store.totp.confirm(user.id, at: Fixtures.base, usingStep: 1))
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 { group.addTask { try await store.totp.use(step: 2, of: user.id) } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
        }
    }

    @Test(arguments: StoreBackend.available)
    func sealedSecretsAreReplacedOnlyWhereUnchanged(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let alice = Fixtures.user("alice", role: .admin)
            let bob = Fixtures.user("bob", role: .admin)
            for user in [alice, bob] {
                try await store.users.create(user)
                #expect(try await store.totp.begin(user.id, sealedSecret: "old-\(user.username)", at: Fixtures.base))
            }
            #expect(try await store.totp.confirm(alice.id, at: Fixtures.base, usingStep: 1))
            #expect(try await store.totp.allSealedSecrets() == [alice.id: "old-alice", bob.id: "old-bob"])
            #expect(try await store.totp.begin(bob.id, sealedSecret: "renewed-bob", at: Fixtures.minutes(1)))
            let replaced = try await store.totp.replaceSealedSecrets([
                alice.id: (expected: "old-alice", new: "new-alice"), bob.id: (expected: "old-bob", new: "new-bob"),
            ])
            #expect(replaced == 1)
            #expect(try await store.totp.allSealedSecrets() == [alice.id: "new-alice", bob.id: "renewed-bob"])
            #expect(try await store.totp.enrolment(of: alice.id)?.isConfirmed == true)
            #expect(try await store.totp.replaceSealedSecrets([:]) == 0)
        }
    }

    @Test(arguments: StoreBackend.available)
    func enrolmentOfAnUnknownUserIsNotFound(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            await #expect(throws: StoreError(.notFound, entity: "user")) {
                try await store.totp.begin(UserID("nobody"), sealedSecret: "secret", at: Fixtures.base)
            }
        }
    }
}
