import GRDB
import VigilCore
import VigilStore

extension SQLiteAlertStore {
    func activeCountsBySeverity() async throws -> [AlertSeverity: Int] {
        try await SQLiteErrors.translating(entity: "alert") {
            try await pool.read { db in
                var counts: [AlertSeverity: Int] = [:]
                for row in try Row.fetchAll(
                    db, sql: "SELECT severity, count(*) FROM alerts WHERE state <> 'resolved' GROUP BY severity")
                {
                    guard let severity = AlertSeverity(rawValue: try row.decode(String.self, atIndex: 0)) else { continue }
                    counts[severity] = try row.decode(Int.self, atIndex: 1)
                }
                return counts
            }
        }
    }
}
