import GRDB
import VigilStore

/// Translates SQLite failures into `StoreError`s, whose descriptions name the
/// kind of record and never its content.
///
/// Errors that have no `StoreError` equivalent (a malformed statement, a
/// failed `NOT NULL` constraint) pass through as GRDB's `DatabaseError`, whose
/// description holds the SQL text but not the bound values.
enum SQLiteErrors {
    /// Runs `body`, translating its errors.
    ///
    /// - Parameters:
    ///   - entity: the kind of record being written or read, such as `user`.
    ///   - referencing: the kind of record a foreign key points at; a foreign-key
    ///     failure becomes `StoreError(.notFound, entity: referencing)`.
    static func translating<T>(entity: String, referencing: String? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw translate(error, entity: entity, referencing: referencing)
        }
    }

    /// Runs `body`, translating its errors.
    static func translating<T>(
        entity: String, referencing: String? = nil, _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch {
            throw translate(error, entity: entity, referencing: referencing)
        }
    }

    /// The error to report for `error`.
    static func translate(_ error: any Error, entity: String, referencing: String?) -> any Error {
        switch error {
        case let error as DatabaseError:
            switch error.extendedResultCode {
            case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
                return StoreError(.conflict, entity: entity)
            case .SQLITE_CONSTRAINT_FOREIGNKEY:
                return StoreError(.notFound, entity: referencing ?? entity)
            default:
                break
            }
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_CANTOPEN, .SQLITE_NOTADB,
                .SQLITE_CORRUPT, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_NOMEM, .SQLITE_PROTOCOL:
                return StoreError(.unavailable, entity: "database")
            default:
                return error
            }
        case is RowDecodingError:
            // Its description quotes the row, which may hold PHI.
            return StoreError(.unavailable, entity: entity)
        default:
            return error
        }
    }
}
