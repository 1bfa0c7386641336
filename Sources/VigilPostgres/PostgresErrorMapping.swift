import Logging
import PostgresNIO
import VigilStore

/// Turns postgres-nio errors into `StoreError`s.
///
/// Server errors carry messages and details that may quote the values of a row
/// (a duplicate key's value, an unparsable input), so neither is kept or logged:
/// only the SQLSTATE code and the kind of record.
enum PostgresErrorMapping {
    /// SQLSTATE `unique_violation`.
    static let uniqueViolation = "23505"
    /// SQLSTATE `foreign_key_violation`.
    static let foreignKeyViolation = "23503"

    /// The `StoreError` for `error`; `StoreError`s and cancellation pass through unchanged.
    ///
    /// - Parameters:
    ///   - entity: the kind of record read or written.
    ///   - referencing: the kind of record a foreign key of `entity` points at,
    ///     reported as not found when the key refers to nothing.
    static func storeError(from error: any Error, entity: String, referencing: String?, logger: Logger) -> any Error {
        switch error {
        case let error as StoreError:
            return error
        case let error as CancellationError:
            return error
        case _ where Task.isCancelled:
            // The pool reports a cancelled request as its own error; the caller gave up, nothing failed.
            return CancellationError()
        case let error as PSQLError:
            let sqlState = error.serverInfo?[.sqlState]
            switch sqlState {
            case uniqueViolation?:
                return StoreError(.conflict, entity: entity)
            case foreignKeyViolation?:
                // The row refers to a record (such as a device's patient) that does not exist.
                return StoreError(.notFound, entity: referencing ?? entity)
            default:
                logger.error(
                    "PostgreSQL request failed",
                    metadata: [
                        "entity": "\(entity)", "postgres.error": "\(error.code)",
                        "postgres.sqlstate": "\(sqlState ?? "none")",
                    ])
                return StoreError(.unavailable, entity: entity)
            }
        case let error as PostgresDecodingError:
            logger.error(
                "PostgreSQL column could not be decoded",
                metadata: ["entity": "\(entity)", "postgres.column": "\(error.columnName)"])
            return StoreError(.unavailable, entity: entity)
        default:
            logger.error(
                "PostgreSQL request failed",
                metadata: ["entity": "\(entity)", "error.type": "\(String(reflecting: type(of: error)))"])
            return StoreError(.unavailable, entity: entity)
        }
    }
}
