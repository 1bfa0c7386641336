import ArgumentParser
import Logging
import VigilApp
import VigilIntegrations

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

    @Option(help: "Port of MQTT over TLS, IoT Hub's device protocol (VIGIL_MQTT_PORT).")
    var mqttPort: Int = Environment.integer("VIGIL_MQTT_PORT") ?? 8883

    @Option(help: "Port of plain MQTT, for development only; off unless given (VIGIL_MQTT_PLAIN_PORT).")
    var mqttPlainPort: Int?

    @Option(help: "PEM certificate chain for TLS; default: a generated CA and certificate (VIGIL_TLS_CERTIFICATE).")
    var tlsCertificate: String?

    @Option(help: "PEM private key for --tls-certificate (VIGIL_TLS_KEY).")
    var tlsKey: String?

    @Option(help: "The host name devices use to reach Vigil (VIGIL_HOST_NAME).")
    var hostName: String = Environment.value("VIGIL_HOST_NAME") ?? "localhost"

    @Flag(help: "Allow plain-http webhook URLs to loopback addresses, for development (VIGIL_WEBHOOKS_ALLOW_INSECURE_LOOPBACK).")
    var webhooksAllowInsecureLoopback = false

    @Flag(help: "Write a reading.created webhook event for every stored message (VIGIL_WEBHOOK_READING_EVENTS).")
    var webhookReadingEvents = false

    @Option(help: "Seconds before each webhook attempt, comma-separated (VIGIL_WEBHOOK_RETRY_SCHEDULE); default 0,5,300,1800,7200,18000,36000,36000.")
    var webhookRetrySchedule: String?

    @Option(help: "Seconds a claimed webhook delivery is reserved for one attempt (VIGIL_WEBHOOK_LEASE_SECONDS); default 30.")
    var webhookLeaseSeconds: Double = Environment.value("VIGIL_WEBHOOK_LEASE_SECONDS").flatMap(Double.init) ?? 30

    @Flag(
        help: """
            Store readings without scoring them — no NEWS2, rules, baselines or alerts — for bulk imports and \
            benchmarks only (VIGIL_NO_LIVE_EVALUATION).
            """)
    var noLiveEvaluation = false

    @Flag(
        help: """
            Demo mode: on a fresh data folder create demo users, a ward of patients with devices and days of history, \
            then simulate the devices in-process (VIGIL_DEMO).
            """)
    var demo = false

    @Option(help: "Webhook deliveries pending above which /health/ready answers 503 (VIGIL_READY_WEBHOOK_BACKLOG).")
    var readyWebhookBacklog: Int = Environment.integer("VIGIL_READY_WEBHOOK_BACKLOG") ?? 10_000

    @Option(help: "Log level: trace, debug, info, notice, warning, error (VIGIL_LOG_LEVEL).")
    var logLevel: String = Environment.value("VIGIL_LOG_LEVEL") ?? "info"

    func validate() throws {
        for port in [httpPort, httpsPort, mqttPort] + (plainPort.map { [$0] } ?? []) where !(0...65535).contains(port) {
            throw ValidationError("ports must be 0 to 65535")
        }
        guard (certificatePath == nil) == (keyPath == nil) else {
            throw ValidationError("--tls-certificate and --tls-key go together")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level") }
        if let schedule = retrySchedule, RetrySchedule(parsing: schedule) == nil {
            throw ValidationError("--webhook-retry-schedule must be seconds separated by commas")
        }
        guard webhookLeaseSeconds > 0 else { throw ValidationError("--webhook-lease-seconds must be positive") }
        guard readyWebhookBacklog >= 0 else { throw ValidationError("--ready-webhook-backlog must not be negative") }
    }

    private var retrySchedule: String? { webhookRetrySchedule ?? Environment.value("VIGIL_WEBHOOK_RETRY_SCHEDULE") }
    private var certificatePath: String? { tlsCertificate ?? Environment.value("VIGIL_TLS_CERTIFICATE") }
    private var plainPort: Int? { mqttPlainPort ?? Environment.integer("VIGIL_MQTT_PLAIN_PORT") }
    private var keyPath: String? { tlsKey ?? Environment.value("VIGIL_TLS_KEY") }

    func run() async throws {
        let logger = ProcessLogging.bootstrap(level: Logger.Level(rawValue: logLevel) ?? .info)
        var configuration = VigilConfiguration(
            httpHost: httpHost, httpPort: httpPort, httpsPort: httpsPort, tlsCertificatePath: certificatePath,
            tlsKeyPath: keyPath, hostName: hostName,
            bootstrapAdminPassword: Environment.value("VIGIL_BOOTSTRAP_ADMIN_PASSWORD"))
        database.apply(to: &configuration)
        configuration.mqttPort = mqttPort
        configuration.mqttPlainPort = plainPort
        configuration.webhooks.urlPolicy.allowInsecureLoopback =
            webhooksAllowInsecureLoopback || Environment.flag("VIGIL_WEBHOOKS_ALLOW_INSECURE_LOOPBACK")
        configuration.webhooks.lease = webhookLeaseSeconds
        configuration.messages.readingEvents = webhookReadingEvents || Environment.flag("VIGIL_WEBHOOK_READING_EVENTS")
        if noLiveEvaluation || Environment.flag("VIGIL_NO_LIVE_EVALUATION") {
            configuration.monitoring.isLiveEvaluationEnabled = false
            logger.warning("live evaluation is off: readings are stored but not scored, and no alerts are raised")
        }
        if let schedule = retrySchedule.flatMap({ RetrySchedule(parsing: $0) }) {
            configuration.webhooks.schedule = schedule
        }
        configuration.webhookBacklogReadyThreshold = readyWebhookBacklog
        if demo || Environment.flag("VIGIL_DEMO") {
            configuration.demo = DemoConfiguration()
        }
        try await VigilServer(configuration: configuration, logger: logger).run()
    }
}
