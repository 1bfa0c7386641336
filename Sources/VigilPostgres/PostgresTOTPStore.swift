import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// TOTP second factors in the `user_totp` table, one row per user.
struct PostgresTOTPStore: TOTPStore {
    let database: PostgresDatabase

    func enrolment(of user: UserID) async throws -> TOTPEnrolment? {
        let rows = try await database.query(
            "SELECT secret, created_at, confirmed_at, last_used_step FROM user_totp WHERE user_id = \(user.rawValue)",
            entity: "totp")
        return try rows.first.map { row in
            let (secret, createdAt, confirmedAt, lastUsedStep) = try row.decode((String, Int64, Int64?, Int64?).self)
            return TOTPEnrolment(
                userID: user, sealedSecret: secret, createdAt: Date(millisecondsSince1970: createdAt),
                confirmedAt: confirmedAt.map(Date.init(millisecondsSince1970:)), lastUsedStep: lastUsedStep)
        }
    }

    func confirmedUsers() async throws -> Set<UserID> {
        let rows = try await database.query(
            "SELECT user_id FROM user_totp WHERE confirmed_at IS NOT NULL", entity: "totp")
        return Set(try rows.map { UserID(try $0.decode(String.self)) })
    }

    func begin(_ user: UserID, sealedSecret: String, at date: Date) async throws -> Bool {
        let rows = try await database.query(
            """
            INSERT INTO user_totp (user_id, secret, created_at)
            VALUES (\(user.rawValue), \(sealedSecret), \(date.millisecondsSince1970))
            ON CONFLICT (user_id) DO UPDATE SET
                secret = excluded.secret, created_at = excluded.created_at, last_used_step = NULL
            WHERE user_totp.confirmed_at IS NULL
            RETURNING 1
            """,
            entity: "totp", referencing: "user")
        return !rows.isEmpty
    }

    func confirm(_ user: UserID, at date: Date, usingStep step: Int64) async throws -> Bool {
        let rows = try await database.query(
            """
            UPDATE user_totp SET confirmed_at = \(date.millisecondsSince1970), last_used_step = \(step)
            WHERE user_id = \(user.rawValue) AND confirmed_at IS NULL
            RETURNING 1
            """,
            entity: "totp")
        return !rows.isEmpty
    }

    func use(step: Int64, of user: UserID) async throws -> Bool {
        let rows = try await database.query(
            """
            UPDATE user_totp SET last_used_step = \(step)
            WHERE user_id = \(user.rawValue) AND confirmed_at IS NOT NULL
                AND (last_used_step IS NULL OR last_used_step < \(step))
            RETURNING 1
            """,
            entity: "totp")
        return !rows.isEmpty
    }

    func remove(of user: UserID) async throws {
        try await database.query("DELETE FROM user_totp WHERE user_id = \(user.rawValue)", entity: "totp")
    }

    func allSealedSecrets() async throws -> [UserID: String] {
        let rows = try await database.query("SELECT user_id, secret FROM user_totp", entity: "totp")
        var secrets: [UserID: String] = [:]
        for row in rows {
            let (user, secret) = try row.decode((String, String).self)
            secrets[UserID(user)] = secret
        }
        return secrets
    }

    func replaceSealedSecrets(_ changes: [UserID: (expected: String, new: String)]) async throws -> Int {
        guard !changes.isEmpty else { return 0 }
        let users = changes.map(\.key.rawValue)
        let expected = changes.map(\.value.expected)
        let new = changes.map(\.value.new)
        let rows = try await database.query(
            """
            WITH changed AS (
                UPDATE user_totp AS t SET secret = c.new_secret
                FROM unnest(\(users)::text[], \(expected)::text[], \(new)::text[]) AS c(user_id, expected_secret, new_secret)
                WHERE t.user_id = c.user_id AND t.secret = c.expected_secret
                RETURNING 1
            )
            SELECT count(*) FROM changed
            """,
            entity: "totp")
        return try rows.first?.decode(Int.self) ?? 0
    }
}
