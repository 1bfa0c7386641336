import Foundation
import Logging
import PostgresNIO
import VigilPostgres
import VigilSecurity
import VigilStore

/// Runs `body` with a `PostgresStore` on a new, migrated database created on the
/// server at `url`, then closes the store and drops the database, also when
/// `body` throws.
///
/// The user in `url` must be allowed to create databases.
func withPostgresTestStore(url: String, _ body: (any Store) async throws -> Void) async throws {
    try await PostgresTestDatabase.withDatabase(url: url) { configuration in
        let store = PostgresTestDatabase.makeStore(configuration)
        do {
            _ = try await store.migrate()
            try await body(store)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}

/// Throw-away databases on the test server, and direct SQL access to them for
/// tests that need to look behind the store (tampering, schema checks).
enum PostgresTestDatabase {
    static let logger = Logger(label: "vigil.test.postgres")

    /// Runs `body` with the configuration of a new, empty database named
    /// `vigil_test_<random>`, and drops the database afterwards, also when `body` throws.
    static func withDatabase(
        url: String, _ body: (PostgresStore.Configuration) async throws -> Void
    ) async throws {
        let server = try PostgresStore.Configuration(url: url)
        let name = "vigil_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await execute("CREATE DATABASE \(name)", on: server)
        var configuration = server
        configuration.database = name
        // Tests run in parallel; keep each one's share of the server's connections small.
        configuration.maximumConnections = 4
        do {
            try await body(configuration)
        } catch {
            _ = try? await execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: server)
            throw error
        }
        try await execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: server)
    }

    /// A store on the database, not yet migrated.
    static func makeStore(_ configuration: PostgresStore.Configuration) -> PostgresStore {
        PostgresStore(configuration: configuration, sealer: SHA256AuditSealer(), logger: logger)
    }

    /// Runs one statement on its own connection to the configured database and returns its rows.
    @discardableResult
    static func execute(_ sql: String, on configuration: PostgresStore.Configuration) async throws -> [PostgresRow] {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let connection = try await PostgresConnection.connect(
            configuration: PostgresConnection.Configuration(
                host: configuration.host, port: configuration.port, username: configuration.username,
                password: configuration.password, database: configuration.database,
                tls: configuration.tlsMode == .disable ? .disable : .prefer(try NIOSSLContext(configuration: tls))),
            id: 1, logger: logger)
        do {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
            try await connection.close()
            return rows
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
