import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// The hash-chained audit log in `audit_log`, with its end recorded in the one-row `audit_head`.
///
/// An append locks the head row for its transaction, so appends from every
/// task and every node queue up behind one another and form a single chain.
struct PostgresAuditStore: AuditStore {
    let database: PostgresDatabase
    let sealer: any AuditSealer

    private static let columns = """
        sequence, time, user_id, username, role, action, patient_id, outcome, source_address, detail, \
        previous_hash, hash
        """

    @discardableResult
    func append(_ entry: AuditEntry) async throws -> AuditRecord {
        let genesis = sealer.genesisHash
        return try await database.transaction(entity: "audit record") { transaction in
            // Creates the head on the first append and locks it until commit in
            // one statement: the no-op update of an existing row takes its row lock.
            let heads = try await transaction.query(
                """
                INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, \(genesis))
                ON CONFLICT (id) DO UPDATE SET id = audit_head.id
                RETURNING sequence, hash
                """)
            guard let head = heads.first else { throw StoreError(.unavailable, entity: "audit record") }
            let (lastSequence, previousHash) = try head.decode((Int64, String).self)
            let sequence = lastSequence + 1
            let hash = sealer.seal(sequence: sequence, entry: entry, previousHash: previousHash)
            try await transaction.execute(
                """
                WITH record AS (
                    INSERT INTO audit_log (\(unescaped: Self.columns))
                    VALUES (\(sequence), \(entry.time.millisecondsSince1970), \(entry.userID?.rawValue),
                            \(entry.username), \(entry.role?.rawValue), \(entry.action), \(entry.patientID?.rawValue),
                            \(entry.outcome.rawValue), \(entry.sourceAddress), \(entry.detail), \(previousHash),
                            \(hash))
                )
                UPDATE audit_head SET sequence = \(sequence), hash = \(hash) WHERE id = 1
                """)
            return AuditRecord(sequence: sequence, entry: entry, previousHash: previousHash, hash: hash)
        }
    }

    func records(after sequence: Int64, limit: Int) async throws -> [AuditRecord] {
        guard limit > 0 else { return [] }
        let rows = try await database.query(
            """
            SELECT \(unescaped: Self.columns) FROM audit_log WHERE sequence > \(sequence)
            ORDER BY sequence LIMIT \(limit)
            """,
            entity: "audit record")
        return try rows.map(Self.decode)
    }

    func recent(limit: Int, patient: PatientID?) async throws -> [AuditRecord] {
        guard limit > 0 else { return [] }
        let rows: [PostgresRow]
        if let patient {
            rows = try await database.query(
                """
                SELECT \(unescaped: Self.columns) FROM audit_log WHERE patient_id = \(patient.rawValue)
                ORDER BY sequence DESC LIMIT \(limit)
                """,
                entity: "audit record")
        } else {
            rows = try await database.query(
                "SELECT \(unescaped: Self.columns) FROM audit_log ORDER BY sequence DESC LIMIT \(limit)",
                entity: "audit record")
        }
        return try rows.map(Self.decode)
    }

    func head() async throws -> AuditHead? {
        let rows = try await database.query(
            "SELECT sequence, hash FROM audit_head WHERE id = 1 AND sequence > 0", entity: "audit head")
        return try rows.first.map { row in
            let (sequence, hash) = try row.decode((Int64, String).self)
            return AuditHead(sequence: sequence, hash: hash)
        }
    }

    private static func decode(_ row: PostgresRow) throws -> AuditRecord {
        let (
            sequence, time, userID, username, roleName, action, patientID, outcomeName, sourceAddress, detail,
            previousHash, hash
        ) = try row.decode(
            (Int64, Int64, String?, String?, String?, String, String?, String, String?, String?, String, String).self)
        guard let outcome = AuditEntry.Outcome(rawValue: outcomeName) else {
            throw StoreError(.unavailable, entity: "audit record")
        }
        let entry = AuditEntry(
            time: Date(millisecondsSince1970: time), userID: userID.map { UserID($0) }, username: username,
            // A role this build does not know reads as none; the record's hash then no longer matches.
            role: roleName.flatMap(Role.init(rawValue:)), action: action, patientID: patientID.map { PatientID($0) },
            outcome: outcome, sourceAddress: sourceAddress, detail: detail)
        return AuditRecord(sequence: sequence, entry: entry, previousHash: previousHash, hash: hash)
    }
}
