import Foundation
import GRDB
import VigilCore
import VigilStore

/// TOTP second factors in `user_totp`, one row per user.
struct SQLiteTOTPStore: TOTPStore {
    let pool: DatabasePool

    func enrolment(of user: UserID) async throws -> TOTPEnrolment? {
        try await SQLiteErrors.translating(entity: "totp") {
            try await pool.read { db in
                try Row.fetchOne(
                    db,
                    sql: "SELECT secret, created_at, confirmed_at, last_used_step FROM user_totp WHERE user_id = ?",
                    arguments: [user.rawValue]
                ).map { row in
                    TOTPEnrolment(
                        userID: user, sealedSecret: try row.decode(atIndex: 0),
                        createdAt: Date(millisecondsSince1970: try row.decode(atIndex: 1)),
                        confirmedAt: try row.decode(Int64?.self, atIndex: 2).map(Date.init(millisecondsSince1970:)),
                        lastUsedStep: try row.decode(atIndex: 3))
                }
            }
        }
    }

    func confirmedUsers() async throws -> Set<UserID> {
        try await SQLiteErrors.translating(entity: "totp") {
            try await pool.read { db in
                Set(
                    try String.fetchAll(db, sql: "SELECT user_id FROM user_totp WHERE confirmed_at IS NOT NULL")
                        .map { UserID($0) })
            }
        }
    }

    func begin(_ user: UserID, sealedSecret: String, at date: Date) async throws -> Bool {
        try await changesOneRow(
            """
            INSERT INTO user_totp (user_id, secret, created_at) VALUES (?, ?, ?)
            ON CONFLICT (user_id) DO UPDATE SET
                secret = excluded.secret, created_at = excluded.created_at, last_used_step = NULL
            WHERE user_totp.confirmed_at IS NULL
            """,
            [user.rawValue, sealedSecret, date.millisecondsSince1970], referencing: "user")
    }

    func confirm(_ user: UserID, at date: Date, usingStep step: Int64) async throws -> Bool {
        try await changesOneRow(
            "UPDATE user_totp SET confirmed_at = ?, last_used_step = ? WHERE user_id = ? AND confirmed_at IS NULL",
            [date.millisecondsSince1970, step, user.rawValue])
    }

    func use(step: Int64, of user: UserID) async throws -> Bool {
        try await changesOneRow(
            """
            UPDATE user_totp SET last_used_step = ?
            WHERE user_id = ? AND confirmed_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < ?)
            """,
            [step, user.rawValue, step])
    }

    func remove(of user: UserID) async throws {
        try await SQLiteErrors.translating(entity: "totp") {
            try await pool.write { db in
                try db.execute(sql: "DELETE FROM user_totp WHERE user_id = ?", arguments: [user.rawValue])
            }
        }
    }

    func allSealedSecrets() async throws -> [UserID: String] {
        try await SQLiteErrors.translating(entity: "totp") {
            try await pool.read { db in
                var secrets: [UserID: String] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT user_id, secret FROM user_totp") {
                    secrets[UserID(try row.decode(atIndex: 0))] = try row.decode(atIndex: 1)
                }
                return secrets
            }
        }
    }

    func replaceSealedSecrets(_ changes: [UserID: (expected: String, new: String)]) async throws -> Int {
        guard !changes.isEmpty else { return 0 }
        return try await SQLiteErrors.translating(entity: "totp") {
            try await pool.write { db in
                let statement = try db.cachedStatement(sql: "UPDATE user_totp SET secret = ? WHERE user_id = ? AND secret = ?")
                var changed = 0
                for (user, change) in changes {
                    try statement.execute(arguments: [change.new, user.rawValue, change.expected])
                    changed += db.changesCount
                }
                return changed
            }
        }
    }

    /// Runs one conditional write; whether it changed a row.
    private func changesOneRow(_ sql: String, _ arguments: StatementArguments, referencing: String? = nil) async throws -> Bool {
        try await SQLiteErrors.translating(entity: "totp", referencing: referencing) {
            try await pool.write { db in
                try db.execute(sql: sql, arguments: arguments)
                return db.changesCount == 1
            }
        }
    }
}
