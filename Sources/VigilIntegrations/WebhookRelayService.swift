import Foundation
import Logging
import Metrics
import ServiceLifecycle
import VigilSecurity
import VigilStore

/// Runs a ``WebhookRelay`` until graceful shutdown: every 30 ms while attempts
/// are in flight or their outcomes unrecorded, one write records those
/// outcomes and claims due deliveries, and each claim's deliveries are
/// attempted in a task of their own, so that a round waiting on a slow
/// endpoint never holds up the others; when nothing is due it waits
/// ``pollInterval``. On shutdown it lets the attempts in flight finish and
/// records their outcomes. It owns the HTTP client, created when it starts
/// and shut down when it stops.
public struct WebhookRelayService: Service {
    private let webhooks: any WebhookStore
    private let outbox: any OutboxStore
    private let vault: SecretVault
    private let configuration: WebhookRelay.Configuration
    private let pollInterval: Duration
    /// The pause between claims while attempts are in flight.
    static let busyInterval: Duration = .milliseconds(30)
    private let logger: Logger
    private let clock: @Sendable () -> Date
    private let onDeadLetter: @Sendable (DeadLetter) async -> Void
    private let metrics: any MetricsFactory

    /// - Parameters:
    ///   - pollInterval: time between rounds. Default 200 ms.
    ///   - clock: the time each round runs at. Default the system clock.
    ///   - metrics: where attempts are counted and timed. Default: nowhere.
    ///   - onDeadLetter: told of each delivery given up on (see ``WebhookRelay``).
    public init(
        webhooks: any WebhookStore, outbox: any OutboxStore, vault: SecretVault,
        configuration: WebhookRelay.Configuration, pollInterval: Duration = .milliseconds(200), logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }, metrics: any MetricsFactory = NOOPMetricsHandler.instance,
        onDeadLetter: @escaping @Sendable (DeadLetter) async -> Void = { _ in }
    ) {
        self.metrics = metrics
        self.webhooks = webhooks
        self.outbox = outbox
        self.vault = vault
        self.configuration = configuration
        self.pollInterval = pollInterval
        self.logger = logger
        self.clock = clock
        self.onDeadLetter = onDeadLetter
    }

    public func run() async throws {
        let transport = try HTTPWebhookTransport()
        let relay = WebhookRelay(
            webhooks: webhooks, outbox: outbox, vault: vault, transport: transport, configuration: configuration,
            logger: logger, metrics: metrics, onDeadLetter: onDeadLetter)
        await withDiscardingTaskGroup { group in
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                do {
                    let round = try await relay.claim(now: clock())
                    if !round.isEmpty { group.addTask { await relay.attempt(round) } }
                } catch {
                    logger.error("webhook relay round failed", metadata: ["error": "\(type(of: error))"])
                }
                // While attempts are in flight or unrecorded, claim again soon (that
                // records them and frees endpoints and patients); when all is quiet,
                // at the poll interval.
                let pause = await relay.isBusy ? Self.busyInterval : pollInterval
                do {
                    try await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
                } catch {
                    break
                }
            }
        }
        do {
            try await relay.settle()
        } catch {
            logger.error("webhook outcomes not recorded at shutdown", metadata: ["error": "\(type(of: error))"])
        }
        try await transport.shutdown()
    }
}
