import GRDB

extension DatabasePool {
    /// Runs `body` in a write transaction that commits without waiting for the
    /// disk (`synchronous = NORMAL` for this one commit), then restores the
    /// configured level.
    ///
    /// For bookkeeping that may be lost in a power cut without harm, such as
    /// the webhook relay's leases and outcomes (a lost outcome means the
    /// delivery is sent again, which at-least-once delivery allows): it keeps
    /// the disk's flushes, which the writer waits for, for what Vigil
    /// acknowledges. A process crash loses nothing, the commit being in the
    /// operating system's cache, and the next flushed commit flushes it too,
    /// the log being written in order.
    func writeUnflushed<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writeWithoutTransaction { db in
            let configured = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 0
            let relax = configured > 1
            if relax { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            defer { if relax { try? db.execute(sql: "PRAGMA synchronous = \(configured)") } }
            var result: T?
            try db.inTransaction {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }
}
