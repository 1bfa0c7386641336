import Foundation
import VigilCore
import VigilSecurity
import VigilStore

/// Users' optional TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s,
/// one step of tolerance either side): enrolment, checking a code at
/// sign-in, and removal.
///
/// The secret is sealed by the key vault, like device keys and webhook
/// secrets. A code is good once: the step it belongs to is recorded in the
/// same conditional write that accepts it, so neither a replay nor a second
/// node can use it again, nor any code of an earlier step.
struct SecondFactor: Sendable {
    let store: any TOTPStore
    let vault: SecretVault
    let now: @Sendable () -> Date

    /// The issuer authenticator apps show beside the account.
    static let issuer = "Vigil"

    /// What an enrolling user types into an authenticator app.
    struct Setup: Sendable {
        /// The secret in Base32.
        let secret: String
        /// The `otpauth://` key URI.
        let uri: String
    }

    /// Where a user's second factor stands.
    enum Status: Sendable {
        case off
        /// Enrolment began and waits for a code.
        case pending(Setup)
        /// Sign-in asks for a code.
        case on(since: Date)
    }

    /// The user's status; a pending enrolment comes with its secret to show again.
    func status(of user: User) async throws -> Status {
        guard let enrolment = try await store.enrolment(of: user.id) else { return .off }
        if let since = enrolment.confirmedAt { return .on(since: since) }
        return .pending(setup(for: user, secret: try await vault.open(text: enrolment.sealedSecret)))
    }

    /// Whether signing in as the user takes a code.
    func isRequired(for user: UserID) async throws -> Bool {
        try await store.enrolment(of: user)?.isConfirmed == true
    }

    /// Starts (or restarts) enrolment with a fresh secret; nil when the user
    /// is already enrolled.
    func begin(for user: User) async throws -> Setup? {
        let secret = TOTP.generateSecret()
        let sealed = try await vault.seal(Data(secret))
        guard try await store.begin(user.id, sealedSecret: sealed.text, at: now()) else { return nil }
        return setup(for: user, secret: secret)
    }

    /// Finishes enrolment if `code` is right for the pending secret.
    func confirm(_ code: String, for user: UserID) async throws -> Bool {
        guard let enrolment = try await store.enrolment(of: user), !enrolment.isConfirmed,
            let step = try await matchingStep(code, enrolment)
        else { return false }
        return try await store.confirm(user, at: now(), usingStep: step)
    }

    /// Whether `code` is right for the user's confirmed enrolment and was not
    /// used before; a right code is used up by this call.
    func verify(_ code: String, for user: UserID) async throws -> Bool {
        guard let enrolment = try await store.enrolment(of: user), enrolment.isConfirmed,
            let step = try await matchingStep(code, enrolment)
        else { return false }
        return try await store.use(step: step, of: user)
    }

    /// Turns the second factor off, if `code` is a right, unused code.
    func disable(_ code: String, for user: UserID) async throws -> Bool {
        guard try await verify(code, for: user) else { return false }
        try await store.remove(of: user)
        return true
    }

    private func matchingStep(_ code: String, _ enrolment: TOTPEnrolment) async throws -> Int64? {
        let secret = try await vault.open(text: enrolment.sealedSecret)
        return TOTP(secret: secret).matchingStep(code, at: now())
    }

    private func setup(for user: User, secret: some Sequence<UInt8>) -> Setup {
        Setup(
            secret: Base32.encode(secret),
            uri: TOTP.keyURI(secret: secret, account: user.username, issuer: Self.issuer))
    }
}

extension WebDependencies {
    /// Users' TOTP second factors, sealed by the device services' key vault.
    var secondFactor: SecondFactor {
        SecondFactor(store: store.totp, vault: devices.vault, now: now)
    }
}
