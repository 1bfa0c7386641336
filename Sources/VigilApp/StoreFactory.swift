import Foundation
import Logging
import VigilPostgres
import VigilSQLite
import VigilSecurity
import VigilStore

/// Opens the database the configuration names: PostgreSQL for a `postgres://`
/// URL, otherwise the embedded SQLite file in the data directory.
public enum StoreFactory {
    /// Opens (creating the data directory if needed) without migrating.
    public static func open(_ configuration: VigilConfiguration, logger: Logger) throws -> any Store {
        if let url = configuration.databaseURL {
            return try PostgresStore(
                configuration: PostgresStore.Configuration(url: url), sealer: SHA256AuditSealer(), logger: logger)
        }
        try FileManager.default.createDirectory(
            atPath: configuration.dataDirectory, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        var sqlite = SQLiteStore.Configuration(path: configuration.sqlitePath)
        sqlite.synchronous = configuration.sqliteSynchronousFull ? .full : .normal
        return try SQLiteStore(configuration: sqlite, sealer: SHA256AuditSealer())
    }

    /// Opens and applies pending migrations, logging what was applied.
    public static func openMigrated(_ configuration: VigilConfiguration, logger: Logger) async throws -> any Store {
        let store = try open(configuration, logger: logger)
        do {
            let applied = try await store.migrate()
            if applied.isEmpty {
                logger.info("Database schema is current")
            } else {
                logger.notice("Applied database migrations", metadata: ["migrations": "\(applied.joined(separator: ","))"])
            }
            return store
        } catch {
            try? await store.close()
            throw error
        }
    }
}
