import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL
import VigilCore
import VigilGateway
import VigilIntegrations
import VigilMonitoring
import VigilSecurity
import VigilStore
import VigilWeb

/// Every long-lived part of a running Vigil, wired together over one store.
public struct VigilAssembly: Sendable {
    public let store: any Store
    public let vault: SecretVault
    public let writer: IngestWriter
    public let authenticator: DeviceAuthenticator
    /// Parses, validates, quarantines and commits device messages (HTTPS, MQTT, the demo's devices).
    public let ingestor: DeviceIngestor
    public let web: WebDependencies
    /// The IoT Hub device protocol served by the MQTT listeners.
    public let gateway: IoTHubGateway
    /// Live evaluation, alerts, escalation and live events.
    public let monitoring: MonitoringServices
    /// This server's metrics, served at `/metrics`.
    public let metrics: VigilMetrics
    /// Which listeners are bound, for `/health/ready`.
    public let listeners: ListenerStatus
    let configuration: VigilConfiguration
    let logger: Logger

    init(
        configuration: VigilConfiguration, store: any Store, vault: SecretVault, logger: Logger,
        now: @escaping @Sendable () -> Date
    ) {
        self.configuration = configuration
        self.store = store
        self.vault = vault
        self.logger = logger
        let metrics = VigilMetrics()
        self.metrics = metrics
        let listeners = ListenerStatus()
        self.listeners = listeners
        let monitoring = MonitoringServices(
            store: store, configuration: configuration.monitoring, logger: logger, now: now, metrics: metrics.factory)
        self.monitoring = monitoring
        writer = IngestWriter(
            store: store.ingest, configuration: configuration.ingest,
            observers: configuration.monitoring.isLiveEvaluationEnabled ? [monitoring.evaluator] : [], logger: logger,
            metrics: metrics.factory)
        authenticator = DeviceAuthenticator(
            store: store, vault: vault, configuration: .init(hostName: configuration.hostName))
        let ingestor = DeviceIngestor(
            writer: writer, configuration: configuration.messages, metrics: GatewayMetrics(factory: metrics.factory))
        self.ingestor = ingestor
        // One limiter for HTTPS and MQTT: a device's rate counts across both.
        let limiter = DeviceRateLimiter(configuration: configuration.rateLimit)
        let telemetry = DeviceTelemetryRoutes(
            authenticator: authenticator, limiter: limiter, ingestor: ingestor, audit: store.audit, now: now)
        let connections = DeviceConnectionRegistry(metrics: metrics.factory)
        let twins = DeviceTwins(store: store.twins)
        gateway = IoTHubGateway(
            configuration: .init(hostName: configuration.hostName), authenticator: authenticator, limiter: limiter,
            ingestor: ingestor, twins: twins, store: store, registry: connections, now: now, logger: logger)
        let authenticator = authenticator
        let devices = DeviceServices(
            vault: vault, hostName: configuration.hostName, telemetry: telemetry,
            replayer: QuarantineReplayer(store: store, writer: writer, policy: configuration.messages.policy),
            twins: twins, connections: connections,
            cloudMessages: CloudMessageQueue(store: store.cloudMessages, registry: connections),
            deviceChanged: { await authenticator.invalidate($0) })
        web = WebDependencies(
            store: store, passwords: PasswordHasher(configuration: configuration.passwords),
            tokens: TokenIssuer(store: store.tokens, configuration: configuration.tokens), devices: devices, now: now,
            webhooks: WebhookSettings(
                urlPolicy: configuration.webhooks.urlPolicy, rotationOverlap: configuration.webhookRotationOverlap),
            alerts: monitoring.alerts,
            operations: OperationsEndpoints(
                metrics: metrics.factory, exposition: { [store] in await metrics.exposition(store: store) },
                readinessChecks: [
                    ReadinessChecks.listeners(listeners),
                    ReadinessChecks.webhookBacklog(store.outbox, threshold: configuration.webhookBacklogReadyThreshold),
                ]))
    }

    /// The plain-HTTP API and dashboard; it also runs the ingest writer.
    ///
    /// - Parameter deviceEndpoint: serve the device telemetry endpoint too. Only
    ///   tests set it: in production devices use the TLS listener.
    public func httpApplication(
        deviceEndpoint: Bool = false, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: VigilRouter.build(web, deviceEndpoint: deviceEndpoint),
            configuration: .init(
                address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "Vigil"),
            // Shut down in reverse: the writer drains first, then evaluation of what it committed.
            services: [monitoring.evaluator, monitoring.escalation, monitoring.missingData]
                + (configuration.runsWebhookRelay ? [webhookRelay] : []) + [writer],
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// The webhook relay, run beside the ingest writer; a dead letter raises
    /// an operational alert for administrators.
    public var webhookRelay: WebhookRelayService {
        WebhookRelayService(
            webhooks: store.webhooks, outbox: store.outbox, vault: vault, configuration: configuration.webhooks,
            logger: logger, metrics: metrics.factory, onDeadLetter: { [self] letter in await raiseDeadLetterAlert(letter) })
    }

    /// Raises (or counts another occurrence of) the operational alert of the
    /// dead letter's endpoint; a failure is logged, the dead letter stays stored.
    public func raiseDeadLetterAlert(_ letter: DeadLetter) async {
        do {
            try await monitoring.alerts.raiseOperational(
                OperationalAlerts.webhookDeadLetter(
                    endpoint: letter.endpointID, deliveryID: letter.deliveryID, eventType: letter.eventType,
                    attempts: letter.attempts, at: letter.at))
        } catch {
            logger.error("Could not raise the webhook dead-letter alert", metadata: ["error": "\(type(of: error))"])
        }
    }

    /// The HTTPS listener: the device telemetry endpoint and the API over TLS 1.2 or later.
    public func httpsApplication(
        credentials: TLSCredentials, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let server = try HTTPServerBuilder.tls(.http1(), tlsConfiguration: Self.tlsConfiguration(credentials))
        return Application(
            router: VigilRouter.build(web, deviceEndpoint: true, tls: true),
            server: server,
            configuration: .init(
                address: .hostname(configuration.httpHost, port: configuration.httpsPort), serverName: "Vigil"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// A server TLS configuration with TLS 1.2 as the minimum (the IoT Hub SDKs use 1.2).
    static func tlsConfiguration(_ credentials: TLSCredentials) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(credentials.certificateChainPEM.utf8))
        let key = try NIOSSLPrivateKey(bytes: Array(credentials.privateKeyPEM.utf8), format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        tls.minimumTLSVersion = .tlsv12
        return tls
    }
}
