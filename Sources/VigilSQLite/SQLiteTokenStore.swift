import Foundation
import GRDB
import VigilCore
import VigilStore

/// API tokens in `api_tokens`, keyed by the hash of their secret.
struct SQLiteTokenStore: TokenStore {
    let pool: DatabasePool

    /// Throws `StoreError.conflict` if a token with that hash exists.
    func create(_ token: StoredToken) async throws {
        try await SQLiteErrors.translating(entity: "token") {
            try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO api_tokens (hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                    arguments: [
                        token.hash, token.userID.rawValue, token.createdAt.millisecondsSince1970,
                        token.expiresAt.millisecondsSince1970,
                    ])
            }
        }
    }

    func token(hash: String) async throws -> StoredToken? {
        try await SQLiteErrors.translating(entity: "token") {
            try await pool.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT hash, user_id, created_at, expires_at FROM api_tokens WHERE hash = ?",
                    arguments: [hash]
                ).map { row in
                    StoredToken(
                        hash: try row.decode(atIndex: 0),
                        userID: UserID(try row.decode(String.self, atIndex: 1)),
                        createdAt: Date(millisecondsSince1970: try row.decode(atIndex: 2)),
                        expiresAt: Date(millisecondsSince1970: try row.decode(atIndex: 3)))
                }
            }
        }
    }

    func extend(hash: String, to expiresAt: Date) async throws {
        try await SQLiteErrors.translating(entity: "token") {
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE api_tokens SET expires_at = ? WHERE hash = ? AND expires_at < ?",
                    arguments: [expiresAt.millisecondsSince1970, hash, expiresAt.millisecondsSince1970])
            }
        }
    }

    /// Does nothing if there is no such token.
    func delete(hash: String) async throws {
        try await SQLiteErrors.translating(entity: "token") {
            try await pool.write { db in
                try db.execute(sql: "DELETE FROM api_tokens WHERE hash = ?", arguments: [hash])
            }
        }
    }

    func deleteExpired(before date: Date) async throws -> Int {
        try await SQLiteErrors.translating(entity: "token") {
            try await pool.write { db in
                try db.execute(
                    sql: "DELETE FROM api_tokens WHERE expires_at < ?", arguments: [date.millisecondsSince1970])
                return db.changesCount
            }
        }
    }
}
