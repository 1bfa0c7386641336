import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// API tokens in the `api_tokens` table, keyed by the hash of their secret.
struct PostgresTokenStore: TokenStore {
    let database: PostgresDatabase

    func create(_ token: StoredToken) async throws {
        try await database.query(
            """
            INSERT INTO api_tokens (hash, user_id, created_at, expires_at)
            VALUES (\(token.hash), \(token.userID.rawValue), \(token.createdAt.millisecondsSince1970),
                    \(token.expiresAt.millisecondsSince1970))
            """,
            entity: "token", referencing: "user")
    }

    func token(hash: String) async throws -> StoredToken? {
        let rows = try await database.query(
            "SELECT hash, user_id, created_at, expires_at FROM api_tokens WHERE hash = \(hash)", entity: "token")
        return try rows.first.map { row in
            let (hash, userID, createdAt, expiresAt) = try row.decode((String, String, Int64, Int64).self)
            return StoredToken(
                hash: hash, userID: UserID(userID), createdAt: Date(millisecondsSince1970: createdAt),
                expiresAt: Date(millisecondsSince1970: expiresAt))
        }
    }

    func extend(hash: String, to expiresAt: Date) async throws {
        let milliseconds = expiresAt.millisecondsSince1970
        try await database.query(
            "UPDATE api_tokens SET expires_at = \(milliseconds) WHERE hash = \(hash) AND expires_at < \(milliseconds)",
            entity: "token")
    }

    func delete(hash: String) async throws {
        try await database.query("DELETE FROM api_tokens WHERE hash = \(hash)", entity: "token")
    }

    @discardableResult
    func deleteExpired(before date: Date) async throws -> Int {
        let rows = try await database.query(
            """
            WITH deleted AS (DELETE FROM api_tokens WHERE expires_at < \(date.millisecondsSince1970) RETURNING 1)
            SELECT count(*) FROM deleted
            """,
            entity: "token")
        return try rows.first?.decode(Int.self) ?? 0
    }
}
