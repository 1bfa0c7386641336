import Foundation
import VigilCore
import VigilSecurity
import VigilStore

/// Dashboard sign-in sessions, kept in the token store beside API tokens.
///
/// A session secret is 32 random bytes, base64url-encoded and prefixed
/// `vgs_` (so it is never accepted as an API bearer token); only its SHA-256
/// is stored. A session's stored expiry is its idle deadline: each active
/// request moves it forward (at most once a minute, to spare the database),
/// never past `absoluteLifetime` after sign-in. Nodes sharing one database
/// share sessions.
struct SessionManager: Sendable {
    let store: any TokenStore
    let settings: DashboardSettings

    /// Prefix of session secrets.
    static let prefix = "vgs_"
    /// How stale the stored idle deadline may get before a request moves it.
    static let touchGranularity: TimeInterval = 60

    /// A resolved session.
    struct Session: Sendable {
        let secret: String
        let userID: UserID
        /// The token that protects this session's forms.
        var csrfToken: String { CSRFToken.token(forSession: secret) }
    }

    /// Starts a session for a user; returns its secret.
    func begin(for user: UserID, now: Date) async throws -> String {
        let secret = Self.prefix + SecureRandom.base64URL(byteCount: 32)
        try await store.create(
            StoredToken(
                hash: TokenIssuer.hash(of: secret), userID: user, createdAt: now,
                expiresAt: now.addingTimeInterval(min(settings.idleTimeout, settings.absoluteLifetime))))
        return secret
    }

    /// The live session of a secret, or nil when it is unknown, idle too long
    /// or too old. With `touch`, the request counts as activity and moves the
    /// idle deadline; background requests (live updates) pass `false`.
    func session(_ secret: String, now: Date, touch: Bool) async throws -> Session? {
        guard secret.hasPrefix(Self.prefix), secret.utf8.count < 128 else { return nil }
        let hash = TokenIssuer.hash(of: secret)
        guard let token = try await store.token(hash: hash), token.expiresAt > now else { return nil }
        let hardEnd = token.createdAt.addingTimeInterval(settings.absoluteLifetime)
        guard now < hardEnd else { return nil }
        if touch {
            let deadline = min(now.addingTimeInterval(settings.idleTimeout), hardEnd)
            if deadline.timeIntervalSince(token.expiresAt) >= Self.touchGranularity {
                try await store.extend(hash: hash, to: deadline)
            }
        }
        return Session(secret: secret, userID: token.userID)
    }

    /// Ends a session (sign-out).
    func end(_ secret: String) async throws {
        guard secret.hasPrefix(Self.prefix) else { return }
        try await store.delete(hash: TokenIssuer.hash(of: secret))
    }
}
