import Crypto
import Foundation
import VigilCore
import VigilStore

/// Issues opaque bearer tokens and resolves them back to their user.
///
/// A token is 32 random bytes, base64url-encoded, prefixed `vgl_`. Only its
/// SHA-256 is stored, so a copy of the database does not yield usable tokens.
public struct TokenIssuer: Sendable {
    /// Token settings.
    public struct Configuration: Sendable {
        /// How long a token stays valid. Default 8 hours (a clinical shift).
        public var lifetime: TimeInterval

        public init(lifetime: TimeInterval = 8 * 3600) {
            self.lifetime = lifetime
        }
    }

    /// A freshly issued token: the secret is shown to the client once.
    public struct Issued: Sendable {
        public let secret: String
        public let expiresAt: Date
    }

    private let store: any TokenStore
    private let configuration: Configuration

    public init(store: any TokenStore, configuration: Configuration = .init()) {
        self.store = store
        self.configuration = configuration
    }

    /// Issues and stores a new token for a user.
    public func issue(for user: UserID, now: Date) async throws -> Issued {
        let secret = "vgl_" + SecureRandom.base64URL(byteCount: 32)
        let token = StoredToken(
            hash: Self.hash(of: secret), userID: user, createdAt: now,
            expiresAt: now.addingTimeInterval(configuration.lifetime))
        try await store.create(token)
        return Issued(secret: secret, expiresAt: token.expiresAt)
    }

    /// The user a presented token belongs to, or nil if it is unknown or expired.
    public func user(forToken secret: String, now: Date) async throws -> UserID? {
        guard secret.hasPrefix("vgl_"), secret.utf8.count < 128 else { return nil }
        guard let token = try await store.token(hash: Self.hash(of: secret)), token.expiresAt > now else { return nil }
        return token.userID
    }

    /// Revokes a token (sign-out).
    public func revoke(_ secret: String) async throws {
        try await store.delete(hash: Self.hash(of: secret))
    }

    /// The stored form of a token secret: hex SHA-256.
    public static func hash(of secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).hexString
    }
}
