import Foundation
import VigilAnalytics
import VigilCore

/// How alerts escalate and how analytics results become alert severities.
///
/// **NEWS2 → severity.** NEWS2 risk levels map to alert severities as follows;
/// totals of 0–4 without a single 3 (risk `none` and `low`, a ward-based
/// response at most) raise no alert:
///
/// | NEWS2 risk | RCP response | alert severity |
/// |---|---|---|
/// | low–medium (a single parameter scoring 3) | urgent ward-based response | medium |
/// | medium (total 5–6) | urgent response | high |
/// | high (total ≥ 7) | emergency response | critical |
public struct AlertPolicy: Sendable, Hashable {
    /// How long an open alert may wait for an acknowledgement, per severity,
    /// before it escalates. Default: critical 5 min, high 15 min, medium 60 min, low 4 h.
    public var acknowledgementDeadlines: [AlertSeverity: TimeInterval]
    /// The highest escalation level; an alert at this level escalates no further. Default 3.
    public var maximumEscalationLevel: Int
    /// The severity of a sustained departure from the personal baseline. Default medium.
    public var baselineSeverity: AlertSeverity
    /// The severity of a no-data alert. Default medium.
    public var missingDataSeverity: AlertSeverity

    /// The default deadlines.
    public static let defaultDeadlines: [AlertSeverity: TimeInterval] = [
        .critical: 5 * 60, .high: 15 * 60, .medium: 60 * 60, .low: 4 * 3600,
    ]

    /// A policy; every argument has the default documented on its property.
    public init(
        acknowledgementDeadlines: [AlertSeverity: TimeInterval] = defaultDeadlines, maximumEscalationLevel: Int = 3,
        baselineSeverity: AlertSeverity = .medium, missingDataSeverity: AlertSeverity = .medium
    ) {
        self.acknowledgementDeadlines = acknowledgementDeadlines
        self.maximumEscalationLevel = maximumEscalationLevel
        self.baselineSeverity = baselineSeverity
        self.missingDataSeverity = missingDataSeverity
    }

    /// The acknowledgement deadline of `severity` (the default when not configured).
    public func deadline(for severity: AlertSeverity) -> TimeInterval {
        acknowledgementDeadlines[severity] ?? Self.defaultDeadlines[severity] ?? 3600
    }

    /// The alert severity of a NEWS2 risk level; `nil` when it raises no alert.
    public static func severity(for risk: NEWS2RiskLevel) -> AlertSeverity? {
        switch risk {
        case .none, .low: nil
        case .lowMedium: .medium
        case .medium: .high
        case .high: .critical
        }
    }
}
