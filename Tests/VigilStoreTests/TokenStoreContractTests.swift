import Foundation
import Testing
import VigilCore
import VigilStore

@Suite("TokenStore contract")
struct TokenStoreContractTests {
    @Test(arguments: StoreBackend.available)
    func createdTokenIsFoundByHashUntilDeleted(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let user = Fixtures.user("alice")
            try await store.users.create(user)
            let token = StoredToken(
                hash: String(repeating: "ab", count: 32), userID: user.id, createdAt: Fixtures.base,
                expiresAt: Fixtures.minutes(60))
            let other = StoredToken(
                hash: String(repeating: "cd", count: 32), userID: user.id, createdAt: Fixtures.base,
                expiresAt: Fixtures.minutes(60))
            try await store.tokens.create(token)
            try await store.tokens.create(other)

            #expect(try await store.tokens.token(hash: token.hash) == token)
            #expect(try await store.tokens.token(hash: "unknown") == nil)

            try await store.tokens.delete(hash: token.hash)
            #expect(try await store.tokens.token(hash: token.hash) == nil)
            #expect(try await store.tokens.token(hash: other.hash) == other)
            try await store.tokens.delete(hash: token.hash)  // deleting twice is harmless
        }
    }

    @Test(arguments: StoreBackend.available)
    func deleteExpiredRemovesOnlyTokensExpiredBeforeTheDate(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let user = Fixtures.user("alice")
            try await store.users.create(user)
            let expiries: [Int64] = [-120, -1, 0, 1, 600]
            let tokens = expiries.map { minutes in
                StoredToken(
                    hash: "token\(minutes)", userID: user.id, createdAt: Fixtures.minutes(-600),
                    expiresAt: Fixtures.minutes(minutes))
            }
            for token in tokens { try await store.tokens.create(token) }

            // An expired token is still found (the caller checks expiry) until it is removed.
            #expect(try await store.tokens.token(hash: "token-120") == tokens[0])

            #expect(try await store.tokens.deleteExpired(before: Fixtures.minutes(0)) == 2)
            #expect(try await store.tokens.token(hash: "token-120") == nil)
            #expect(try await store.tokens.token(hash: "token-1") == nil)
            #expect(try await store.tokens.token(hash: "token0") == tokens[2])
            #expect(try await store.tokens.token(hash: "token600") == tokens[4])
            #expect(try await store.tokens.deleteExpired(before: Fixtures.minutes(0)) == 0)
        }
    }

    @Test(arguments: StoreBackend.available)
    func extendMovesExpiryOnlyForward(backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let user = Fixtures.user("alice")
            try await store.users.create(user)
            let token = StoredToken(
                hash: "session", userID: user.id, createdAt: Fixtures.base, expiresAt: Fixtures.minutes(15))
            try await store.tokens.create(token)
            try await store.tokens.extend(hash: "session", to: Fixtures.minutes(25))
            #expect(try await store.tokens.token(hash: "session")?.expiresAt == Fixtures.minutes(25))
            try await store.tokens.extend(hash: "session", to: Fixtures.minutes(20))
            #expect(try await store.tokens.token(hash: "session")?.expiresAt == Fixtures.minutes(25))
            #expect(try await store.tokens.token(hash: "session")?.createdAt == token.createdAt)
            try await store.tokens.extend(hash: "unknown", to: Fixtures.minutes(30))
            #expect(try await store.tokens.token(hash: "unknown") == nil)
        }
    }
}
