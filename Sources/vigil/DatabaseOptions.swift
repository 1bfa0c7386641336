import ArgumentParser
import Foundation
import Logging
import VigilApp

/// Where the data lives; shared by every command that works on the database.
/// Each flag falls back to its `VIGIL_*` environment variable.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "Folder of the embedded database, keys and certificates (VIGIL_DATA_DIR).")
    var dataDir: String = Environment.value("VIGIL_DATA_DIR") ?? "./vigil-data"

    @Option(help: "A postgres:// URL to use PostgreSQL instead of the embedded database (VIGIL_DATABASE).")
    var database: String?

    /// `--database`, else `VIGIL_DATABASE`.
    var databaseURL: String? { database ?? Environment.value("VIGIL_DATABASE") }

    @Option(help: "SQLite durability: full (every commit survives power loss) or normal (VIGIL_SQLITE_SYNCHRONOUS).")
    var sqliteSynchronous: String = Environment.value("VIGIL_SQLITE_SYNCHRONOUS") ?? "full"

    func validate() throws {
        guard ["full", "normal"].contains(sqliteSynchronous) else {
            throw ValidationError("--sqlite-synchronous must be full or normal")
        }
        if let database = databaseURL, !(database.hasPrefix("postgres://") || database.hasPrefix("postgresql://")) {
            throw ValidationError("--database must be a postgres:// URL")
        }
    }

    /// A configuration with these options applied.
    func apply(to configuration: inout VigilConfiguration) {
        configuration.dataDirectory = dataDir
        configuration.databaseURL = databaseURL
        configuration.sqliteSynchronousFull = sqliteSynchronous == "full"
    }
}

/// Reads `VIGIL_*` environment variables.
enum Environment {
    static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    static func integer(_ name: String) -> Int? { value(name).flatMap(Int.init) }

    /// A boolean variable: `1`, `true` or `yes` (any case) means on.
    static func flag(_ name: String) -> Bool { value(name).map { ["1", "true", "yes"].contains($0.lowercased()) } ?? false }
}

/// The process-wide logger: JSON lines on standard error.
enum ProcessLogging {
    static func bootstrap(level: Logger.Level = .info) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = JSONLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "vigil")
    }
}
