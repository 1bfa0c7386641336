import VigilCore

/// The append-only, hash-chained audit log.
public protocol AuditStore: Sendable {
    /// Appends an entry, numbering it and sealing it with `AuditSealer`
    /// atomically, so concurrent appends (even from several nodes) form one chain.
    @discardableResult
    func append(_ entry: AuditEntry) async throws -> AuditRecord

    /// Records with `sequence > after`, in order, at most `limit`.
    func records(after sequence: Int64, limit: Int) async throws -> [AuditRecord]

    /// The newest records first, optionally only those about one patient.
    func recent(limit: Int, patient: PatientID?) async throws -> [AuditRecord]

    /// The sequence number and hash of the last appended record, kept apart from
    /// the records (updated in the same transaction) so that deleting the newest
    /// records is detected too; `nil` before the first append.
    func head() async throws -> AuditHead?
}

/// The end of the audit chain as recorded at the last append.
public struct AuditHead: Sendable, Hashable {
    public var sequence: Int64
    public var hash: String

    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }
}

/// Computes the hash that chains an audit record to the one before it.
/// Provided by VigilSecurity; stores call it inside the append transaction.
public protocol AuditSealer: Sendable {
    /// The hash of the record with this sequence number, entry and previous hash.
    func seal(sequence: Int64, entry: AuditEntry, previousHash: String) -> String
    /// The `previousHash` of the first record.
    var genesisHash: String { get }
}
