import Foundation
import PostgresNIO

extension PostgresStore {
    /// Where the PostgreSQL server is and how to talk to it.
    ///
    /// Build one from a URL with ``init(url:)`` or field by field. Its `description`
    /// never shows the password.
    public struct Configuration: Sendable, CustomStringConvertible {
        /// Whether and how the connection is encrypted, named as libpq's `sslmode`.
        public enum TLSMode: String, Sendable, CaseIterable {
            /// Plain TCP only.
            case disable
            /// TLS when the server offers it, plain TCP otherwise; the certificate is not checked.
            case prefer
            /// TLS or no connection; the certificate is not checked.
            case require
            /// TLS or no connection; the certificate must chain to a trusted root
            /// (the system's), whatever host name it names.
            case verifyCA = "verify-ca"
            /// TLS or no connection; the certificate must chain to a trusted root and name the host.
            case verifyFull = "verify-full"
        }

        /// The server's host name or IP address.
        public var host: String
        /// The server's TCP port. Defaults to `5432`.
        public var port: Int
        /// The role to sign in as. Defaults to `postgres` when a URL names none.
        public var username: String
        /// The role's password, if the server asks for one. Defaults to none.
        public var password: String?
        /// The database to open. Defaults to the username when a URL names none, as libpq does.
        public var database: String
        /// How the connection is encrypted. Defaults to `.prefer`, as libpq does.
        public var tlsMode: TLSMode
        /// The most connections the store keeps open to the server at once. Defaults to `8`.
        public var maximumConnections: Int
        /// How long opening one connection may take. Defaults to 10 seconds.
        public var connectTimeout: Duration
        /// How long ``PostgresStore/checkHealth()`` waits for an answer. Defaults to 5 seconds.
        public var healthCheckTimeout: Duration

        /// A configuration with the documented defaults for everything not given.
        public init(
            host: String, port: Int = 5432, username: String = "postgres", password: String? = nil,
            database: String? = nil, tlsMode: TLSMode = .prefer, maximumConnections: Int = 8,
            connectTimeout: Duration = .seconds(10), healthCheckTimeout: Duration = .seconds(5)
        ) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.database = database ?? username
            self.tlsMode = tlsMode
            self.maximumConnections = maximumConnections
            self.connectTimeout = connectTimeout
            self.healthCheckTimeout = healthCheckTimeout
        }

        /// Parses `postgres://user[:password]@host[:port]/database[?parameters]`
        /// (the scheme may also be `postgresql`).
        ///
        /// User name, password and database are percent-decoded. The parameters
        /// understood are `sslmode` (`disable`, `prefer`, `require`, `verify-ca`,
        /// `verify-full`), `connect_timeout` (whole seconds) and `pool_max`
        /// (``maximumConnections``); any other parameter is refused so that a typo
        /// does not go unnoticed.
        ///
        /// - Throws: ``PostgresURLError``, whose description never quotes the URL.
        public init(url: String) throws {
            guard let components = URLComponents(string: url) else {
                throw PostgresURLError("not a URL")
            }
            guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
                throw PostgresURLError("the scheme must be postgres or postgresql")
            }
            guard let host = components.host, !host.isEmpty else {
                throw PostgresURLError("the host is missing")
            }
            var path = components.path
            if path.hasPrefix("/") { path.removeFirst() }
            if path.contains("/") { throw PostgresURLError("the path must be a single database name") }
            let user = components.user.flatMap { $0.isEmpty ? nil : $0 }
            self.init(
                host: host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host,
                port: components.port ?? 5432,
                username: user ?? "postgres",
                password: components.password,
                database: path.isEmpty ? nil : path
            )
            for item in components.queryItems ?? [] {
                let value = item.value ?? ""
                switch item.name {
                case "sslmode":
                    guard let mode = TLSMode(rawValue: value) else {
                        let modes = TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                        throw PostgresURLError("sslmode must be one of \(modes)")
                    }
                    tlsMode = mode
                case "connect_timeout":
                    guard let seconds = Int(value), seconds > 0 else {
                        throw PostgresURLError("connect_timeout must be a positive number of seconds")
                    }
                    connectTimeout = .seconds(seconds)
                case "pool_max":
                    guard let count = Int(value), count > 0 else {
                        throw PostgresURLError("pool_max must be a positive number")
                    }
                    maximumConnections = count
                default:
                    throw PostgresURLError("unknown parameter \(item.name.prefix(40))")
                }
            }
        }

        /// The configuration without its password.
        public var description: String {
            let credentials = password == nil ? username : "\(username):***"
            return "postgres://\(credentials)@\(host):\(port)/\(database)?sslmode=\(tlsMode.rawValue)"
        }

        /// The postgres-nio client configuration this describes.
        var clientConfiguration: PostgresClient.Configuration {
            var configuration = PostgresClient.Configuration(
                host: host, port: port, username: username, password: password, database: database, tls: tls)
            configuration.options.maximumConnections = maximumConnections
            configuration.options.connectTimeout = connectTimeout
            return configuration
        }

        private var tls: PostgresClient.Configuration.TLS {
            var unverified = TLSConfiguration.makeClientConfiguration()
            unverified.certificateVerification = .none
            switch tlsMode {
            case .disable:
                return .disable
            case .prefer:
                return .prefer(unverified)
            case .require:
                return .require(unverified)
            case .verifyCA:
                var configuration = TLSConfiguration.makeClientConfiguration()
                configuration.certificateVerification = .noHostnameVerification
                return .require(configuration)
            case .verifyFull:
                return .require(.makeClientConfiguration())
            }
        }
    }
}
