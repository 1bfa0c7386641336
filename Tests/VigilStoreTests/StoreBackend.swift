import Foundation
import Testing
import VigilCore
import VigilPostgres
import VigilSQLite
import VigilSecurity
import VigilStore

/// A database the contract suite runs against. Every test gets a fresh, empty,
/// migrated store of each backend.
///
/// PostgreSQL runs when `VIGIL_TEST_POSTGRES_URL` names a server on which the
/// user may create databases (the test script starts one). Without it the
/// PostgreSQL cases are skipped, except under `CI=true`, where its absence fails.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static let postgresURL = ProcessInfo.processInfo.environment["VIGIL_TEST_POSTGRES_URL"]
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// The backends available in this run.
    static var available: [StoreBackend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }
}

/// Runs `body` with a fresh, empty, migrated store of `backend`, and removes
/// the database afterwards.
func withStore(_ backend: StoreBackend, _ body: (any Store) async throws -> Void) async throws {
    switch backend {
    case .sqlite:
        try await withSQLiteStore { store, _ in try await body(store) }
    case .postgres:
        let url = try #require(StoreBackend.postgresURL, "VIGIL_TEST_POSTGRES_URL is not set")
        try await withPostgresTestStore(url: url, body)
    }
}

/// Runs `body` with a fresh SQLite store in a temporary folder, migrated unless
/// `migrated` is false, and the path of its database file; removes the folder afterwards.
func withSQLiteStore(
    migrated: Bool = true, synchronous: SQLiteStore.Configuration.Synchronous = .full,
    configure: (inout SQLiteStore.Configuration) -> Void = { _ in },
    _ body: (SQLiteStore, String) async throws -> Void
) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-store-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("vigil.sqlite").path
    var configuration = SQLiteStore.Configuration(path: path, synchronous: synchronous)
    configure(&configuration)
    let store = try SQLiteStore(configuration: configuration, sealer: SHA256AuditSealer())
    do {
        if migrated { _ = try await store.migrate() }
        try await body(store, path)
    } catch {
        try? await store.close()
        throw error
    }
    try await store.close()
}
