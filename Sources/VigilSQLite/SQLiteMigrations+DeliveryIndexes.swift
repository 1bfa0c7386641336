import GRDB

extension SQLiteMigrations {
    /// Leaves `webhook_deliveries_pending` the only index a finished delivery
    /// leaves: a claim tells a patient's first pending delivery by walking
    /// that index in order, instead of searching `webhook_deliveries_order`,
    /// and nothing reads `webhook_deliveries_due`. Each finished delivery
    /// removed an entry from both, on pages scattered across the index.
    static func v10DeliveryIndexes(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX webhook_deliveries_due;
                DROP INDEX webhook_deliveries_order;
                """)
    }
}
