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
///
/// A sign-in that still waits for its second factor is a *pending* sign-in:
/// a `vgp_` secret in the same store, alive for `secondFactorTimeout`, that
/// no page or API route accepts; only the code step turns it into a session.
struct SessionManager: Sendable {
    let store: any TokenStore
    let settings: DashboardSettings

    /// Prefix of session secrets.
    static let prefix = "vgs_"
    /// Prefix of pending sign-in secrets.
    static let pendingPrefix = "vgp_"
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
        try await create(Self.prefix, for: user, now: now, lifetime: min(settings.idleTimeout, settings.absoluteLifetime))
    }

    /// Starts a sign-in whose password was right and that waits for the
    /// second factor; returns its secret.
    func beginPending(for user: UserID, now: Date) async throws -> String {
        try await create(Self.pendingPrefix, for: user, now: now, lifetime: settings.secondFactorTimeout)
    }

    /// The user of a live pending sign-in, or nil when it is unknown or expired.
    func pendingUser(_ secret: String, now: Date) async throws -> UserID? {
        guard secret.hasPrefix(Self.pendingPrefix), secret.utf8.count < 128,
            let token = try await store.token(hash: TokenIssuer.hash(of: secret)), token.expiresAt > now
        else { return nil }
        return token.userID
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

    /// Ends a session (sign-out) or a pending sign-in.
    func end(_ secret: String) async throws {
        guard secret.hasPrefix(Self.prefix) || secret.hasPrefix(Self.pendingPrefix) else { return }
        try await store.delete(hash: TokenIssuer.hash(of: secret))
    }

    private func create(_ prefix: String, for user: UserID, now: Date, lifetime: TimeInterval) async throws -> String {
        let secret = prefix + SecureRandom.base64URL(byteCount: 32)
        try await store.create(
            StoredToken(
                hash: TokenIssuer.hash(of: secret), userID: user, createdAt: now,
                expiresAt: now.addingTimeInterval(lifetime)))
        return secret
    }
}
