import PostgresNIO
import VigilStore

extension PostgresOutboxStore {
    func pendingDeliveryCount() async throws -> Int {
        let rows = try await database.query(
            "SELECT count(*) FROM webhook_deliveries WHERE state = 'pending'", entity: "webhook delivery")
        var count = 0
        for row in rows { count = try row.decode(Int.self) }
        return count
    }
}
