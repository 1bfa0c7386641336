import Foundation
import Logging
import ServiceLifecycle
import VigilAnalytics
import VigilCore
import VigilStore

/// Raises a no-data alert (`no-data.<type>`) for each expected vital type a
/// patient has not sent within its interval (default 24 h; see
/// `MissingDataDetector`), and resolves it, with a note, once data is back.
/// Types Vigil derives (NEWS2) are never expected.
///
/// A no-data alert's evidence time is the moment the type became overdue (its
/// last reading plus the interval), so repeated checks of one silence count
/// one occurrence. The live evaluator resolves these alerts as soon as data
/// is committed; this monitor resolves any it finds cleared too.
public struct MissingDataMonitor: Service {
    /// How often to check, and what is expected.
    public struct Configuration: Sendable, Hashable {
        /// Seconds between checks. Default 60.
        public var checkInterval: TimeInterval
        /// Expected types and intervals. Default: every type sent in 14 days, 24 h.
        public var detector: MissingDataDetector.Configuration

        public init(checkInterval: TimeInterval = 60, detector: MissingDataDetector.Configuration = .init()) {
            self.checkInterval = checkInterval
            self.detector = detector
        }
    }

    private let store: any Store
    private let alerts: AlertManager
    private let configuration: Configuration
    private let logger: Logger

    public init(store: any Store, alerts: AlertManager, configuration: Configuration = .init(), logger: Logger) {
        self.store = store
        self.alerts = alerts
        self.configuration = configuration
        self.logger = logger
    }

    /// Checks at once, then every `checkInterval`, until graceful shutdown.
    public func run() async throws {
        try await PeriodicCheck.run(every: configuration.checkInterval, named: "No-data check", logger: logger) {
            [self] in try await tick()
        }
    }

    /// Checks every patient once at the current time; returns the alert changes made.
    @discardableResult
    public func tick() async throws -> [AlertChange] {
        var changes: [AlertChange] = []
        for patient in try await store.patients.all() {
            for attempt in 1...AlertManager.attempts {
                do {
                    changes += try await check(patient.id)
                    break
                } catch let error as StoreError where error.code == .conflict && attempt < AlertManager.attempts {
                    continue
                }
            }
        }
        return changes
    }

    /// Raises, updates and resolves one patient's no-data alerts.
    private func check(_ patient: PatientID) async throws -> [AlertChange] {
        let now = alerts.now()
        let latest = try await store.readings.latest(of: patient).filter { !$0.type.isDerived }
        let detector = MissingDataDetector(configuration: configuration.detector)
        let findings = detector.findings(in: ReadingHistory(latest), at: now)
        let active = try await store.alerts.activeAlerts(of: patient)
        let activeByRule = Dictionary(active.map { ($0.ruleID, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [AlertChange] = []
        var silent: Set<String> = []
        for finding in findings {
            let ruleID = RuleIDs.noData(finding.type)
            silent.insert(ruleID)
            let overdueSince = finding.lastMeasuredAt.map { $0.addingTimeInterval(finding.interval) } ?? now
            let firing = AlertFiring(
                ruleID: ruleID, title: "No \(finding.type.displayName.lowercased()) data for \(Self.span(finding.interval))",
                severity: alerts.lifecycle.policy.missingDataSeverity, evidenceAt: overdueSince,
                details: AlertDetails(kind: "noData", type: finding.type, missingData: finding).json)
            if let change = alerts.lifecycle.fire(firing, existing: activeByRule[ruleID], patient: patient, now: now) {
                changes.append(change)
            }
        }
        for alert in active where RuleIDs.noDataType(of: alert.ruleID) != nil && !silent.contains(alert.ruleID) {
            changes.append(
                try alerts.lifecycle.resolve(alert, by: nil, note: PatientEvaluator.dataArrivedNote, now: now))
        }
        guard !changes.isEmpty else { return [] }
        return try await alerts.save(changes)
    }

    /// `24 h`, `90 min`.
    static func span(_ seconds: TimeInterval) -> String {
        if seconds >= 3600, seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(seconds / 3600)) h" }
        return "\(Int((seconds / 60).rounded())) min"
    }
}
