import PostgresNIO
import VigilCore
import VigilStore

extension PostgresAlertStore {
    func activeCountsBySeverity() async throws -> [AlertSeverity: Int] {
        let rows = try await database.query(
            "SELECT severity, count(*) FROM alerts WHERE state <> 'resolved' GROUP BY severity", entity: "alert")
        var counts: [AlertSeverity: Int] = [:]
        for row in rows {
            let (name, count) = try row.decode((String, Int).self)
            if let severity = AlertSeverity(rawValue: name) { counts[severity] = count }
        }
        return counts
    }
}
