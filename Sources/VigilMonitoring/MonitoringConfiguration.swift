import Foundation
import VigilAnalytics

/// Every setting of live evaluation, alerting and escalation, with documented defaults.
public struct MonitoringConfiguration: Sendable, Hashable {
    /// Deadlines, escalation levels and severities. Default `AlertPolicy()`.
    public var policy: AlertPolicy
    /// Live evaluation: NEWS2 window, baseline detector and how often it runs. Default `LiveEvaluator.Configuration()`.
    public var evaluation: LiveEvaluator.Configuration
    /// How often due escalations are checked. Default every 15 s.
    public var escalation: EscalationService.Configuration
    /// How often no-data alerts are checked. Default every 60 s.
    public var missingDataCheckInterval: TimeInterval
    /// Whether committed readings are evaluated at all (benchmarks compare both). Default true.
    public var isLiveEvaluationEnabled: Bool

    public init(
        policy: AlertPolicy = AlertPolicy(), evaluation: LiveEvaluator.Configuration = .init(),
        escalation: EscalationService.Configuration = .init(), missingDataCheckInterval: TimeInterval = 60,
        isLiveEvaluationEnabled: Bool = true
    ) {
        self.policy = policy
        self.evaluation = evaluation
        self.escalation = escalation
        self.missingDataCheckInterval = missingDataCheckInterval
        self.isLiveEvaluationEnabled = isLiveEvaluationEnabled
    }

    /// The no-data monitor's settings: its check interval and the evaluator's expectations.
    public var missingData: MissingDataMonitor.Configuration {
        MissingDataMonitor.Configuration(
            checkInterval: missingDataCheckInterval, detector: evaluation.evaluator.missingData)
    }
}
