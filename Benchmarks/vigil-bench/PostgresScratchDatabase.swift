import Foundation

/// A fresh, empty database created on a PostgreSQL server with `psql` for one
/// benchmark, and dropped afterwards.
struct PostgresScratchDatabase: Sendable {
    /// The database's name.
    let name: String
    /// A `postgres://` URL of the database.
    let url: String
    private let serverURL: String
    private let psql: ExternalTool

    /// Creates database `name` (dropping a leftover of the same name first) on the
    /// server that `serverURL` reaches.
    init(named name: String, on serverURL: String, psql: ExternalTool) throws {
        guard var components = URLComponents(string: serverURL) else {
            throw BenchmarkError("the PostgreSQL URL is not a URL")
        }
        components.path = "/\(name)"
        guard let url = components.string else { throw BenchmarkError("cannot build the URL of database \(name)") }
        self.name = name
        self.url = url
        self.serverURL = serverURL
        self.psql = psql
        try psql.run(Self.arguments(serverURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        try psql.run(Self.arguments(serverURL, "CREATE DATABASE \(name)"))
    }

    /// Drops the database.
    func drop() throws {
        try psql.run(Self.arguments(serverURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
    }

    /// `psql` arguments that run one command on `url`, ignoring `~/.psqlrc` and stopping at the first error.
    static func arguments(_ url: String, _ command: String) -> [String] {
        ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", command]
    }
}
