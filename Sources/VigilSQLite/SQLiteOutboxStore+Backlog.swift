import GRDB
import VigilStore

extension SQLiteOutboxStore {
    func pendingDeliveryCount() async throws -> Int {
        try await SQLiteErrors.translating(entity: "webhook delivery") {
            try await pool.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM webhook_deliveries WHERE state = 'pending'") ?? 0
            }
        }
    }
}
