import Foundation
import GRDB
import VigilCore
import VigilStore

/// Each patient's rules as JSON in `patient_rules`.
struct SQLiteRuleStore: RuleStore {
    let pool: DatabasePool

    func rules(of patient: PatientID) async throws -> StoredRuleSet? {
        try await SQLiteErrors.translating(entity: "rules") {
            try await pool.read { db in try Self.rules(of: patient, in: db) }
        }
    }

    /// A patient's stored rules, read in the caller's transaction.
    static func rules(of patient: PatientID, in db: Database) throws -> StoredRuleSet? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT rule_set, updated_at, updated_by FROM patient_rules WHERE patient_id = ?"),
            arguments: [patient.rawValue]
        ).map { row in
            StoredRuleSet(
                json: Data(try row.decode(String.self, atIndex: 0).utf8),
                updatedAt: Date(millisecondsSince1970: try row.decode(atIndex: 1)),
                updatedBy: try row.decode(String?.self, atIndex: 2).map { UserID($0) })
        }
    }

    func setRules(_ rules: StoredRuleSet, of patient: PatientID) async throws {
        try await SQLiteErrors.translating(entity: "rules", referencing: "patient") {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO patient_rules (patient_id, rule_set, updated_at, updated_by) VALUES (?, ?, ?, ?)
                        ON CONFLICT (patient_id) DO UPDATE SET
                            rule_set = excluded.rule_set, updated_at = excluded.updated_at,
                            updated_by = excluded.updated_by
                        """,
                    arguments: [
                        patient.rawValue, String(decoding: rules.json, as: UTF8.self),
                        rules.updatedAt.millisecondsSince1970, rules.updatedBy?.rawValue,
                    ])
            }
        }
    }
}
