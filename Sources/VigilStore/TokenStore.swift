import Foundation
import VigilCore

/// Stores API tokens by the hash of their secret (the secret itself is never stored).
public protocol TokenStore: Sendable {
    func create(_ token: StoredToken) async throws
    /// The token with this hash, if it exists (expired or not).
    func token(hash: String) async throws -> StoredToken?
    /// Moves a token's expiry to `expiresAt` if that is later than the stored
    /// one, in one atomic step (a sliding session); does nothing if there is
    /// no such token.
    func extend(hash: String, to expiresAt: Date) async throws
    /// Removes one token (sign-out).
    func delete(hash: String) async throws
    /// Removes tokens that expired before `date`; returns how many.
    @discardableResult
    func deleteExpired(before date: Date) async throws -> Int
}

/// A bearer token as stored.
public struct StoredToken: Sendable, Hashable {
    /// Hex SHA-256 of the token secret.
    public var hash: String
    public var userID: UserID
    public var createdAt: Date
    public var expiresAt: Date

    public init(hash: String, userID: UserID, createdAt: Date, expiresAt: Date) {
        self.hash = hash
        self.userID = userID
        self.createdAt = createdAt.truncatedToMilliseconds
        self.expiresAt = expiresAt.truncatedToMilliseconds
    }
}
