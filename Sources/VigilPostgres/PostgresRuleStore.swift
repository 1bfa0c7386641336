import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// Each patient's rules as JSON in the `patient_rules` table.
struct PostgresRuleStore: RuleStore {
    let database: PostgresDatabase

    func rules(of patient: PatientID) async throws -> StoredRuleSet? {
        let rows = try await database.query(
            "SELECT rule_set, updated_at, updated_by FROM patient_rules WHERE patient_id = \(patient.rawValue)",
            entity: "rules")
        return try rows.first.map { row in
            let (json, updatedAt, updatedBy) = try row.decode((String, Int64, String?).self)
            return StoredRuleSet(
                json: Data(json.utf8), updatedAt: Date(millisecondsSince1970: updatedAt),
                updatedBy: updatedBy.map { UserID($0) })
        }
    }

    func setRules(_ rules: StoredRuleSet, of patient: PatientID) async throws {
        try await database.query(
            """
            INSERT INTO patient_rules (patient_id, rule_set, updated_at, updated_by)
            VALUES (\(patient.rawValue), \(String(decoding: rules.json, as: UTF8.self)),
                    \(rules.updatedAt.millisecondsSince1970), \(rules.updatedBy?.rawValue))
            ON CONFLICT (patient_id) DO UPDATE SET
                rule_set = excluded.rule_set, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """,
            entity: "rules", referencing: "patient")
    }
}
