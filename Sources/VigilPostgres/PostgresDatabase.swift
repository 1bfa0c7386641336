import Logging
import PostgresNIO
import VigilStore

/// The connection pool as the record stores use it: every failure comes out as
/// a `StoreError` (see ``PostgresErrorMapping``), and transactions are rolled
/// back when their body throws.
struct PostgresDatabase: Sendable {
    let client: PostgresClient
    /// Where the store reports failures.
    let logger: Logger
    /// What postgres-nio logs to (see `PostgresStore.driverLogger(from:)`).
    let driverLogger: Logger

    /// Runs one statement on a pooled connection and returns all its rows.
    ///
    /// - Parameters:
    ///   - entity: the kind of record read or written, named in errors.
    ///   - referencing: the kind of record a foreign key points at; a
    ///     foreign-key failure becomes `StoreError(.notFound, entity: referencing)`.
    @discardableResult
    func query(_ query: PostgresQuery, entity: String, referencing: String? = nil) async throws -> [PostgresRow] {
        do {
            return try await client.query(query, logger: driverLogger).collect()
        } catch {
            throw PostgresErrorMapping.storeError(from: error, entity: entity, referencing: referencing, logger: logger)
        }
    }

    /// Runs `body` inside `BEGIN` … `COMMIT` on one pooled connection; rolls back if it throws.
    /// Errors are mapped as in ``query(_:entity:referencing:)``.
    func transaction<Result: Sendable>(
        entity: String, referencing: String? = nil, _ body: (PostgresTransaction) async throws -> Result
    ) async throws -> Result {
        do {
            return try await client.withConnection { connection in
                let transaction = PostgresTransaction(connection: connection, logger: driverLogger)
                try await transaction.execute("BEGIN")
                do {
                    let result = try await body(transaction)
                    try await transaction.execute("COMMIT")
                    return result
                } catch {
                    // A failed rollback means the connection is broken; the pool then discards it.
                    try? await transaction.execute("ROLLBACK")
                    throw error
                }
            }
        } catch {
            throw PostgresErrorMapping.storeError(from: error, entity: entity, referencing: referencing, logger: logger)
        }
    }
}

extension PostgresDatabase {
    /// ``transaction(entity:referencing:_:)`` whose commit does not wait for
    /// the log flush (`synchronous_commit = off` for this transaction only).
    ///
    /// For bookkeeping a crash may lose without harm, such as the webhook
    /// relay's leases and outcomes (a lost outcome means the delivery is sent
    /// again, which at-least-once delivery allows).
    func unflushedTransaction<Result: Sendable>(
        entity: String, _ body: (PostgresTransaction) async throws -> Result
    ) async throws -> Result {
        try await transaction(entity: entity) { transaction in
            try await transaction.execute("SET LOCAL synchronous_commit = off")
            return try await body(transaction)
        }
    }
}

/// One connection inside an open transaction, lent to a transaction body.
struct PostgresTransaction {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs one statement in the transaction and returns all its rows.
    @discardableResult
    func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.query(query, logger: logger).collect()
    }

    /// Runs one statement in the transaction, discarding any rows.
    func execute(_ query: PostgresQuery) async throws {
        _ = try await connection.query(query, logger: logger).collect()
    }
}
