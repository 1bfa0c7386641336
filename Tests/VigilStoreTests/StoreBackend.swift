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
