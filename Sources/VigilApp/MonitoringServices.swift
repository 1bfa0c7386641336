import Foundation
import Logging
import Metrics
import VigilMonitoring
import VigilStore

/// The live monitoring parts of a running Vigil over one store: the event
/// bus, alert lifecycle steps, the live evaluator (an observer of the ingest
/// writer), escalation and the no-data monitor.
public struct MonitoringServices: Sendable {
    /// Live events for server-sent events.
    public let bus: EventBus
    /// Acknowledge, resolve, escalate.
    public let alerts: AlertManager
    /// Evaluates patients after their readings are committed.
    public let evaluator: LiveEvaluator
    /// Escalates alerts nobody acknowledged in time.
    public let escalation: EscalationService
    /// Raises and clears no-data alerts.
    public let missingData: MissingDataMonitor

    init(
        store: any Store, configuration: MonitoringConfiguration, logger: Logger, now: @escaping @Sendable () -> Date,
        metrics: any MetricsFactory = NOOPMetricsHandler.instance
    ) {
        bus = EventBus()
        alerts = AlertManager(
            store: store, lifecycle: AlertLifecycle(policy: configuration.policy), bus: bus, logger: logger, now: now)
        evaluator = LiveEvaluator(store: store, alerts: alerts, configuration: configuration.evaluation, logger: logger)
        escalation = EscalationService(
            alerts: alerts, configuration: configuration.escalation, logger: logger, metrics: metrics)
        missingData = MissingDataMonitor(
            store: store, alerts: alerts, configuration: configuration.missingData, logger: logger)
    }
}
