import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// Users in the `users` table.
struct PostgresUserStore: UserStore {
    let database: PostgresDatabase

    private static let columns = "id, username, display_name, role, patient_id, password_hash, is_disabled, created_at"

    func create(_ user: User) async throws {
        try await database.query(
            """
            INSERT INTO users (\(unescaped: Self.columns))
            VALUES (\(user.id.rawValue), \(user.username), \(user.displayName), \(user.role.rawValue),
                    \(user.patientID?.rawValue), \(user.passwordHash), \(user.isDisabled),
                    \(user.createdAt.millisecondsSince1970))
            """,
            entity: "user", referencing: "patient")
    }

    func update(_ user: User) async throws {
        let rows = try await database.query(
            """
            UPDATE users SET username = \(user.username), display_name = \(user.displayName),
                role = \(user.role.rawValue), patient_id = \(user.patientID?.rawValue),
                password_hash = \(user.passwordHash), is_disabled = \(user.isDisabled),
                created_at = \(user.createdAt.millisecondsSince1970)
            WHERE id = \(user.id.rawValue)
            RETURNING id
            """,
            entity: "user", referencing: "patient")
        if rows.isEmpty { throw StoreError(.notFound, entity: "user") }
    }

    func user(_ id: UserID) async throws -> User? {
        let rows = try await database.query(
            "SELECT \(unescaped: Self.columns) FROM users WHERE id = \(id.rawValue)", entity: "user")
        return try rows.first.map(Self.decode)
    }

    func user(named username: String) async throws -> User? {
        let rows = try await database.query(
            "SELECT \(unescaped: Self.columns) FROM users WHERE username = \(username)", entity: "user")
        return try rows.first.map(Self.decode)
    }

    func all() async throws -> [User] {
        let rows = try await database.query(
            "SELECT \(unescaped: Self.columns) FROM users ORDER BY username COLLATE \"C\"", entity: "user")
        return try rows.map(Self.decode)
    }

    func count() async throws -> Int {
        let rows = try await database.query("SELECT count(*) FROM users", entity: "user")
        return try rows.first?.decode(Int.self) ?? 0
    }

    private static func decode(_ row: PostgresRow) throws -> User {
        let (id, username, displayName, roleName, patientID, passwordHash, isDisabled, createdAt) = try row.decode(
            (String, String, String, String, String?, String, Bool, Int64).self)
        guard let role = Role(rawValue: roleName) else { throw StoreError(.unavailable, entity: "user") }
        return User(
            id: UserID(id), username: username, displayName: displayName, role: role,
            patientID: patientID.map { PatientID($0) }, passwordHash: passwordHash, isDisabled: isDisabled,
            createdAt: Date(millisecondsSince1970: createdAt))
    }
}
