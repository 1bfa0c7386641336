import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// Escalates open alerts nobody acknowledged in time.
///
/// Deadlines live in the store, not in timers: the service checks for due
/// alerts when it starts (so alerts that fell due while Vigil was stopped
/// escalate at once) and then every `checkInterval`. Tests call `tick()`
/// with a manual clock instead of waiting.
public struct EscalationService: Service {
    /// How often to look for due alerts.
    public struct Configuration: Sendable, Hashable {
        /// Seconds between checks. Default 15.
        public var checkInterval: TimeInterval

        public init(checkInterval: TimeInterval = 15) { self.checkInterval = checkInterval }
    }

    private let alerts: AlertManager
    private let configuration: Configuration
    private let logger: Logger
    private let metrics: any MetricsFactory

    /// - Parameter metrics: where `vigil_alert_escalations_total{severity}` is
    ///   counted. Default: nowhere.
    public init(
        alerts: AlertManager, configuration: Configuration = .init(), logger: Logger,
        metrics: any MetricsFactory = NOOPMetricsHandler.instance
    ) {
        self.alerts = alerts
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
    }

    /// Checks at once, then every `checkInterval`, until graceful shutdown.
    public func run() async throws {
        try await PeriodicCheck.run(every: configuration.checkInterval, named: "Escalation check", logger: logger) {
            [self] in try await tick()
        }
    }

    /// Escalates every alert due now; returns how many escalated.
    @discardableResult
    public func tick() async throws -> Int {
        let escalated = try await alerts.escalateDue()
        for alert in escalated {
            Counter(
                label: "vigil_alert_escalations_total", dimensions: [("severity", alert.severity.rawValue)],
                factory: metrics
            ).increment()
        }
        return escalated.count
    }
}
