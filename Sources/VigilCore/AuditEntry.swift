import Foundation

/// One event for the audit log: who did what to which patient, from where, and how it ended.
///
/// The store numbers entries and chains them by hash (see `AuditRecord`).
public struct AuditEntry: Codable, Sendable, Hashable {
    /// How the audited request ended.
    public enum Outcome: String, Codable, Sendable {
        case success
        /// Refused by access control or authentication.
        case denied
        /// Failed for another reason (bad input, not found).
        case failure
    }

    public var time: Date
    public var userID: UserID?
    public var username: String?
    public var role: Role?
    /// What was attempted, such as `patient.read` or `auth.login`.
    public var action: String
    public var patientID: PatientID?
    public var outcome: Outcome
    /// The client's network address.
    public var sourceAddress: String?
    /// Extra non-PHI detail, such as the HTTP route or a refusal reason.
    public var detail: String?

    public init(
        time: Date = Date(), userID: UserID? = nil, username: String? = nil, role: Role? = nil, action: String,
        patientID: PatientID? = nil, outcome: Outcome, sourceAddress: String? = nil, detail: String? = nil
    ) {
        self.time = time.truncatedToMilliseconds
        self.userID = userID
        self.username = username
        self.role = role
        self.action = action
        self.patientID = patientID
        self.outcome = outcome
        self.sourceAddress = sourceAddress
        self.detail = detail
    }
}

/// An audit entry as stored: numbered and sealed with the hash of the one before it.
public struct AuditRecord: Codable, Sendable, Hashable {
    /// 1, 2, 3, … without gaps.
    public var sequence: Int64
    public var entry: AuditEntry
    /// The hash of the previous record (all zeros for the first).
    public var previousHash: String
    /// The hash over `sequence`, `entry` and `previousHash`.
    public var hash: String

    public init(sequence: Int64, entry: AuditEntry, previousHash: String, hash: String) {
        self.sequence = sequence
        self.entry = entry
        self.previousHash = previousHash
        self.hash = hash
    }
}
