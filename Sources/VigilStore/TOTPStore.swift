import Foundation
import VigilCore

/// Each user's TOTP second factor: the shared secret (sealed by the key
/// vault; the store never sees it in the clear), whether enrolment was
/// confirmed, and the last time step whose code was accepted.
///
/// The checks that matter across nodes (a confirmed enrolment is never
/// overwritten; a time step is accepted once) are single conditional
/// statements, so two nodes cannot both win.
public protocol TOTPStore: Sendable {
    /// The user's enrolment, confirmed or pending; nil when there is none.
    func enrolment(of user: UserID) async throws -> TOTPEnrolment?

    /// The users whose enrolment is confirmed.
    func confirmedUsers() async throws -> Set<UserID>

    /// Starts an unconfirmed enrolment with a new sealed secret, replacing a
    /// pending one.
    ///
    /// - Returns: false, changing nothing, when the user's enrolment is confirmed.
    /// - Throws: `StoreError.notFound` (entity `user`) for an unknown user.
    func begin(_ user: UserID, sealedSecret: String, at date: Date) async throws -> Bool

    /// Confirms a pending enrolment, recording `step` as used.
    ///
    /// - Returns: false when there is no pending enrolment.
    func confirm(_ user: UserID, at date: Date, usingStep step: Int64) async throws -> Bool

    /// Records `step` as used if the enrolment is confirmed and `step` is
    /// later than every step used before.
    ///
    /// - Returns: false for a step already used (or an earlier one), or when
    ///   the user has no confirmed enrolment.
    func use(step: Int64, of user: UserID) async throws -> Bool

    /// Removes the user's enrolment, confirmed or pending; does nothing if there is none.
    func remove(of user: UserID) async throws

    /// Every user's sealed secret, for re-wrapping under a new master key.
    func allSealedSecrets() async throws -> [UserID: String]

    /// Replaces sealed secrets only where they still equal `expected` (a
    /// secret replaced meanwhile, by a new enrolment, is left alone).
    ///
    /// - Returns: how many were replaced.
    func replaceSealedSecrets(_ changes: [UserID: (expected: String, new: String)]) async throws -> Int
}

/// A user's TOTP enrolment as stored.
public struct TOTPEnrolment: Sendable, Hashable {
    public var userID: UserID
    /// The shared secret, sealed by the key vault (`SealedSecret` text).
    public var sealedSecret: String
    /// When the (latest) enrolment began.
    public var createdAt: Date
    /// When a correct code confirmed it; nil while pending.
    public var confirmedAt: Date?
    /// The last time step whose code was accepted.
    public var lastUsedStep: Int64?

    public init(userID: UserID, sealedSecret: String, createdAt: Date, confirmedAt: Date? = nil, lastUsedStep: Int64? = nil) {
        self.userID = userID
        self.sealedSecret = sealedSecret
        self.createdAt = createdAt.truncatedToMilliseconds
        self.confirmedAt = confirmedAt?.truncatedToMilliseconds
        self.lastUsedStep = lastUsedStep
    }

    /// Whether sign-in asks for a code.
    public var isConfirmed: Bool { confirmedAt != nil }
}
