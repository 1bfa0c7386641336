import Foundation
import VigilGateway
import VigilIntegrations
import VigilMonitoring
import VigilSecurity

/// Everything `vigil serve` and the other commands can be told, with defaults.
public struct VigilConfiguration: Sendable {
    /// Where the embedded database, keys and certificates live. Default `./vigil-data`.
    public var dataDirectory: String
    /// A `postgres://` URL; when nil, the embedded SQLite database in `dataDirectory` is used.
    public var databaseURL: String?
    /// The address the HTTP API and dashboard listen on. Default `0.0.0.0`.
    public var httpHost: String
    /// The port of the HTTP API and dashboard. Default 8080.
    public var httpPort: Int
    /// The port of the HTTPS device endpoint and the API over TLS. Default 8443.
    public var httpsPort: Int
    /// A PEM certificate chain for the TLS listeners; when nil (with `tlsKeyPath`), Vigil
    /// generates a CA and a server certificate for `hostName` in the data directory.
    public var tlsCertificatePath: String?
    /// The PEM private key of `tlsCertificatePath`.
    public var tlsKeyPath: String?
    /// The name devices use to reach Vigil (IoT Hub `HostName`). Default `localhost`.
    public var hostName: String
    /// The port of MQTT over TLS (IoT Hub's device protocol). Default 8883.
    public var mqttPort: Int = 8883
    /// The port of plain MQTT, for development only; nil (the default) serves none.
    public var mqttPlainPort: Int?
    /// Group-commit limits.
    public var ingest: IngestWriter.Configuration = .init()
    /// Device message limits: size, reading time window.
    public var messages: DeviceIngestor.Configuration = .init()
    /// Per-device rate limit.
    public var rateLimit: DeviceRateLimiter.Configuration = .init()
    /// Live evaluation, alert deadlines and escalation, no-data checks.
    public var monitoring: MonitoringConfiguration = .init()
    /// Webhook relay: retry schedule, URL policy, limits.
    public var webhooks: WebhookRelay.Configuration = .init()
    /// Whether this process runs the webhook relay. Default true; a node (or a
    /// test that drives its own relay) may leave delivery to others: the
    /// outbox keeps every event until some relay delivers it.
    public var runsWebhookRelay = true
    /// Demo mode (`serve --demo`): seed a demo ward and simulate its devices; nil (the default) for none.
    public var demo: DemoConfiguration?
    /// `/health/ready` answers 503 while more webhook deliveries than this are
    /// pending (the relay is falling behind or endpoints are down). Default 10,000.
    public var webhookBacklogReadyThreshold: Int = 10_000
    /// How long a webhook's previous secret still signs after a rotation. Default 24 h.
    public var webhookRotationOverlap: TimeInterval = 24 * 3600
    /// Whether SQLite syncs every commit to disk (`FULL`, default) or only at checkpoints (`NORMAL`).
    public var sqliteSynchronousFull: Bool
    /// The password of the bootstrap `admin` on first start; random and printed once when nil.
    public var bootstrapAdminPassword: String?
    public var passwords: PasswordHasher.Configuration
    public var tokens: TokenIssuer.Configuration

    public init(
        dataDirectory: String = "./vigil-data", databaseURL: String? = nil, httpHost: String = "0.0.0.0",
        httpPort: Int = 8080, httpsPort: Int = 8443, tlsCertificatePath: String? = nil, tlsKeyPath: String? = nil,
        hostName: String = "localhost", sqliteSynchronousFull: Bool = true,
        bootstrapAdminPassword: String? = nil, passwords: PasswordHasher.Configuration = .init(),
        tokens: TokenIssuer.Configuration = .init()
    ) {
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.httpHost = httpHost
        self.httpPort = httpPort
        self.httpsPort = httpsPort
        self.tlsCertificatePath = tlsCertificatePath
        self.tlsKeyPath = tlsKeyPath
        self.hostName = hostName
        self.sqliteSynchronousFull = sqliteSynchronousFull
        self.bootstrapAdminPassword = bootstrapAdminPassword
        self.passwords = passwords
        self.tokens = tokens
    }

    /// The SQLite database file inside the data directory.
    public var sqlitePath: String { URL(fileURLWithPath: dataDirectory).appendingPathComponent("vigil.sqlite").path }
}
