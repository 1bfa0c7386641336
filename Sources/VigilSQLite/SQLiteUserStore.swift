import Foundation
import GRDB
import VigilCore
import VigilStore

/// Users in `users`.
struct SQLiteUserStore: UserStore {
    let pool: DatabasePool

    private static let columns =
        "id, username, display_name, role, patient_id, password_hash, is_disabled, created_at"

    /// Throws `StoreError.conflict` if the id or username is taken, and
    /// `StoreError.notFound` (entity `patient`) if the linked patient does not exist.
    func create(_ user: User) async throws {
        try await SQLiteErrors.translating(entity: "user", referencing: "patient") {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO users (\(Self.columns))
                        VALUES (:id, :username, :displayName, :role, :patientID, :passwordHash, :isDisabled, :createdAt)
                        """,
                    arguments: Self.arguments(for: user))
            }
        }
    }

    /// Also throws `StoreError.conflict` if the new username is taken.
    func update(_ user: User) async throws {
        try await SQLiteErrors.translating(entity: "user", referencing: "patient") {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE users SET username = :username, display_name = :displayName, role = :role,
                            patient_id = :patientID, password_hash = :passwordHash, is_disabled = :isDisabled,
                            created_at = :createdAt
                        WHERE id = :id
                        """,
                    arguments: Self.arguments(for: user))
                if db.changesCount == 0 { throw StoreError(.notFound, entity: "user") }
            }
        }
    }

    func user(_ id: UserID) async throws -> User? {
        try await fetchOne(where: "id = ?", id.rawValue)
    }

    func user(named username: String) async throws -> User? {
        try await fetchOne(where: "username = ?", username)
    }

    func all() async throws -> [User] {
        try await SQLiteErrors.translating(entity: "user") {
            try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM users ORDER BY username").map(Self.user(from:))
            }
        }
    }

    func count() async throws -> Int {
        try await SQLiteErrors.translating(entity: "user") {
            try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM users") ?? 0 }
        }
    }

    /// The user matching a condition on one unique column.
    private func fetchOne(where condition: String, _ value: String) async throws -> User? {
        try await SQLiteErrors.translating(entity: "user") {
            try await pool.read { db in
                try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM users WHERE \(condition)", arguments: [value])
                    .map(Self.user(from:))
            }
        }
    }

    /// A user's column values, named after its properties.
    private static func arguments(for user: User) -> StatementArguments {
        [
            "id": user.id.rawValue, "username": user.username, "displayName": user.displayName,
            "role": user.role.rawValue, "patientID": user.patientID?.rawValue, "passwordHash": user.passwordHash,
            "isDisabled": user.isDisabled, "createdAt": user.createdAt.millisecondsSince1970,
        ]
    }

    /// Decodes a row selected as `columns`.
    private static func user(from row: Row) throws -> User {
        guard let role = Role(rawValue: try row.decode(atIndex: 3)) else {
            throw StoreError(.unavailable, entity: "user")
        }
        return User(
            id: UserID(try row.decode(String.self, atIndex: 0)),
            username: try row.decode(atIndex: 1),
            displayName: try row.decode(atIndex: 2),
            role: role,
            patientID: try row.decode(String?.self, atIndex: 4).map { PatientID($0) },
            passwordHash: try row.decode(atIndex: 5),
            isDisabled: try row.decode(atIndex: 6),
            createdAt: Date(millisecondsSince1970: try row.decode(atIndex: 7)))
    }
}
