import Foundation
import GRDB
import VigilCore
import VigilStore

/// The audit log in `audit_log`, with its end recorded in the one-row `audit_head`.
struct SQLiteAuditStore: AuditStore {
    let pool: DatabasePool
    let sealer: any AuditSealer

    private static let columns = """
        sequence, time, user_id, username, role, action, patient_id, outcome, source_address, detail, \
        previous_hash, hash
        """

    /// Numbers and seals the entry in one write transaction. SQLite has a
    /// single writer, so concurrent appends queue up and form one chain.
    func append(_ entry: AuditEntry) async throws -> AuditRecord {
        try await SQLiteErrors.translating(entity: "audit record") {
            try await pool.write { [sealer] db in
                let head = try Self.head(db)
                let sequence = (head?.sequence ?? 0) + 1
                let previousHash = head?.hash ?? sealer.genesisHash
                let record = AuditRecord(
                    sequence: sequence, entry: entry, previousHash: previousHash,
                    hash: sealer.seal(sequence: sequence, entry: entry, previousHash: previousHash))
                try db.execute(
                    sql: "INSERT INTO audit_log (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: [
                        record.sequence, entry.time.millisecondsSince1970, entry.userID?.rawValue, entry.username,
                        entry.role?.rawValue, entry.action, entry.patientID?.rawValue, entry.outcome.rawValue,
                        entry.sourceAddress, entry.detail, record.previousHash, record.hash,
                    ])
                try db.execute(
                    sql: """
                        INSERT INTO audit_head (id, sequence, hash) VALUES (1, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash
                        """,
                    arguments: [record.sequence, record.hash])
                return record
            }
        }
    }

    func records(after sequence: Int64, limit: Int) async throws -> [AuditRecord] {
        try await SQLiteErrors.translating(entity: "audit record") {
            try await pool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT \(Self.columns) FROM audit_log WHERE sequence > ? ORDER BY sequence LIMIT ?",
                    arguments: [sequence, max(limit, 0)]
                ).map(Self.record(from:))
            }
        }
    }

    func recent(limit: Int, patient: PatientID?) async throws -> [AuditRecord] {
        try await SQLiteErrors.translating(entity: "audit record") {
            try await pool.read { db in
                if let patient {
                    try Row.fetchAll(
                        db,
                        sql: """
                            SELECT \(Self.columns) FROM audit_log WHERE patient_id = ?
                            ORDER BY sequence DESC LIMIT ?
                            """,
                        arguments: [patient.rawValue, max(limit, 0)]
                    ).map(Self.record(from:))
                } else {
                    try Row.fetchAll(
                        db, sql: "SELECT \(Self.columns) FROM audit_log ORDER BY sequence DESC LIMIT ?",
                        arguments: [max(limit, 0)]
                    ).map(Self.record(from:))
                }
            }
        }
    }

    func head() async throws -> AuditHead? {
        try await SQLiteErrors.translating(entity: "audit record") {
            try await pool.read { db in try Self.head(db) }
        }
    }

    /// The head as stored, read in the caller's transaction.
    private static func head(_ db: Database) throws -> AuditHead? {
        try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_head WHERE id = 1").map { row in
            AuditHead(sequence: try row.decode(atIndex: 0), hash: try row.decode(atIndex: 1))
        }
    }

    /// Decodes a row selected as `columns`.
    private static func record(from row: Row) throws -> AuditRecord {
        let role: Role?
        if let name = try row.decode(String?.self, atIndex: 4) {
            guard let known = Role(rawValue: name) else { throw StoreError(.unavailable, entity: "audit record") }
            role = known
        } else {
            role = nil
        }
        guard let outcome = AuditEntry.Outcome(rawValue: try row.decode(atIndex: 7)) else {
            throw StoreError(.unavailable, entity: "audit record")
        }
        let entry = AuditEntry(
            time: Date(millisecondsSince1970: try row.decode(atIndex: 1)),
            userID: try row.decode(String?.self, atIndex: 2).map { UserID($0) },
            username: try row.decode(atIndex: 3),
            role: role,
            action: try row.decode(atIndex: 5),
            patientID: try row.decode(String?.self, atIndex: 6).map { PatientID($0) },
            outcome: outcome,
            sourceAddress: try row.decode(atIndex: 8),
            detail: try row.decode(atIndex: 9))
        return AuditRecord(
            sequence: try row.decode(atIndex: 0), entry: entry, previousHash: try row.decode(atIndex: 10),
            hash: try row.decode(atIndex: 11))
    }
}
