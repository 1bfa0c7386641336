import ArgumentParser
import Logging
import VigilApp

/// `vigil serve`: runs the server until SIGINT or SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Vigil server.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Port of the HTTP API and dashboard (VIGIL_HTTP_PORT).")
    var httpPort: Int = Environment.integer("VIGIL_HTTP_PORT") ?? 8080

    @Option(help: "Address to listen on (VIGIL_HTTP_HOST).")
    var httpHost: String = Environment.value("VIGIL_HTTP_HOST") ?? "0.0.0.0"

    @Option(help: "Port of the HTTPS device endpoint and API over TLS (VIGIL_HTTPS_PORT).")
    var httpsPort: Int = Environment.integer("VIGIL_HTTPS_PORT") ?? 8443

    @Option(help: "PEM certificate chain for TLS; default: a generated CA and certificate (VIGIL_TLS_CERTIFICATE).")
    var tlsCertificate: String?

    @Option(help: "PEM private key for --tls-certificate (VIGIL_TLS_KEY).")
    var tlsKey: String?

    @Option(help: "The host name devices use to reach Vigil (VIGIL_HOST_NAME).")
    var hostName: String = Environment.value("VIGIL_HOST_NAME") ?? "localhost"

    @Option(help: "Log level: trace, debug, info, notice, warning, error (VIGIL_LOG_LEVEL).")
    var logLevel: String = Environment.value("VIGIL_LOG_LEVEL") ?? "info"

    func validate() throws {
        for port in [httpPort, httpsPort] where !(0...65535).contains(port) {
            throw ValidationError("ports must be 0 to 65535")
        }
        guard (certificatePath == nil) == (keyPath == nil) else {
            throw ValidationError("--tls-certificate and --tls-key go together")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level") }
    }

    private var certificatePath: String? { tlsCertificate ?? Environment.value("VIGIL_TLS_CERTIFICATE") }
    private var keyPath: String? { tlsKey ?? Environment.value("VIGIL_TLS_KEY") }

    func run() async throws {
        let logger = ProcessLogging.bootstrap(level: Logger.Level(rawValue: logLevel) ?? .info)
        var configuration = VigilConfiguration(
            httpHost: httpHost, httpPort: httpPort, httpsPort: httpsPort, tlsCertificatePath: certificatePath,
            tlsKeyPath: keyPath, hostName: hostName,
            bootstrapAdminPassword: Environment.value("VIGIL_BOOTSTRAP_ADMIN_PASSWORD"))
        database.apply(to: &configuration)
        try await VigilServer(configuration: configuration, logger: logger).run()
    }
}
