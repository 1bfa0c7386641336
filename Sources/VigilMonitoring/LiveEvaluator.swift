import Foundation
import Logging
import ServiceLifecycle
import VigilAnalytics
import VigilCore
import VigilStore

/// Evaluates patients after their readings are committed: NEWS2 (stored as a
/// `news2Score` reading when it changes), their rules, their personal
/// baseline, and no-data alerts that data has cleared; then creates, updates
/// or resolves alerts and publishes events.
///
/// It observes the ingest writer's commits but evaluates off the commit path:
/// `didCommit` only queues the patients (each at most once; see
/// `EvaluationQueue`), and this service's workers evaluate them, several
/// patients at a time but never one patient twice at once, reading the newest
/// state from the store. The NEWS2 reading and the alert changes of one
/// evaluation are saved in one transaction, together with those of other
/// evaluations finishing meanwhile (a `GroupCommit`).
public final class LiveEvaluator: Service, CommitObserver, Sendable {
    /// How often baselines are assessed, and the evaluator's own settings.
    public struct Configuration: Sendable, Hashable {
        /// The shortest time between two baseline assessments of one patient
        /// (they read up to 14 days of history). Default 15 min.
        public var baselineInterval: TimeInterval
        /// Windows and detectors.
        public var evaluator: PatientEvaluator.Configuration
        /// Patients evaluated at once. Default 64: an evaluation mostly waits on
        /// the store (its reads, then its group-committed save), so many keep
        /// the CPU busy and share each save transaction.
        public var concurrency: Int

        public init(
            baselineInterval: TimeInterval = 15 * 60, evaluator: PatientEvaluator.Configuration = .init(),
            concurrency: Int = 64
        ) {
            self.baselineInterval = baselineInterval
            self.evaluator = evaluator
            self.concurrency = max(1, concurrency)
        }
    }

    private let store: any Store
    private let alerts: AlertManager
    private let evaluator: PatientEvaluator
    private let configuration: Configuration
    private let logger: Logger
    private let queue = EvaluationQueue()
    private let committer: GroupCommit<AlertSave, [AlertChange]>
    private let baselineClock = BaselineSchedule()

    public init(store: any Store, alerts: AlertManager, configuration: Configuration = .init(), logger: Logger) {
        self.store = store
        self.alerts = alerts
        self.configuration = configuration
        self.evaluator = PatientEvaluator(configuration: configuration.evaluator, lifecycle: alerts.lifecycle)
        self.committer = GroupCommit { [alerts] saves in try await alerts.save(saves) }
        self.logger = logger
    }

    /// Queues the patients whose readings were committed; returns at once.
    public func didCommit(_ messages: [IngestMessage]) async {
        var patients: [PatientID] = []
        var seen: Set<PatientID> = []
        for message in messages {
            for reading in message.readings where seen.insert(reading.patientID).inserted {
                patients.append(reading.patientID)
            }
        }
        if !patients.isEmpty { await queue.add(patients) }
    }

    /// Evaluates queued patients until graceful shutdown, then evaluates what is left and stops.
    public func run() async throws {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { workers in
                for _ in 0..<configuration.concurrency {
                    workers.addTask { [self] in
                        while let patient = await queue.next() {
                            await evaluateLogged(patient)
                            await queue.finish(patient)
                        }
                    }
                }
            }
        } onGracefulShutdown: { [queue] in
            Task { await queue.close() }
        }
    }

    /// Returns once every queued patient has been evaluated (for tests and benchmarks).
    public func idle() async { await queue.idle() }

    /// Evaluates one patient now, retrying when an alert changed concurrently.
    public func evaluate(_ patient: PatientID) async throws {
        for attempt in 1...AlertManager.attempts {
            do {
                try await evaluateOnce(patient)
                return
            } catch let error as StoreError where error.code == .conflict && attempt < AlertManager.attempts {
                continue
            }
        }
    }

    private func evaluateLogged(_ patient: PatientID) async {
        do {
            try await evaluate(patient)
        } catch {
            logger.error(
                "Patient evaluation failed", metadata: ["patient.id": "\(patient)", "error": "\(type(of: error))"])
        }
    }

    private func evaluateOnce(_ id: PatientID) async throws {
        guard let snapshot = try await store.snapshot(of: id) else { return }
        let patient = snapshot.patient
        let now = alerts.now()
        let rules = rulesInEffect(for: patient, stored: snapshot.storedRules)
        let latest = snapshot.latest
        let assessBaseline = await baselineClock.isDue(id, now: now, interval: configuration.baselineInterval)
        let history = try await history(of: id, rules: rules, latest: latest, baseline: assessBaseline, now: now)
        let outcome = evaluator.evaluate(
            PatientEvaluationInput(
                patient: patient, rules: rules, history: history, latest: latest,
                activeAlerts: snapshot.activeAlerts, now: now,
                assessBaseline: assessBaseline))
        guard !outcome.isEmpty else { return }
        _ = try await committer.submit(
            AlertSave(changes: outcome.changes, readings: outcome.news2Reading.map { [$0] } ?? [], news2: outcome.news2))
    }

    /// The stored rules, or the condition presets; presets too when the stored
    /// rules cannot be read (logged), so a patient is never left unmonitored.
    private func rulesInEffect(for patient: Patient, stored: StoredRuleSet?) -> [Rule] {
        do {
            return try PatientRules.effective(for: patient, stored: stored).ruleSet.rules
        } catch {
            logger.error("Stored rules are unreadable; using condition presets", metadata: ["patient.id": "\(patient.id)"])
            return RulePresets.rules(for: patient.conditions)
        }
    }

    /// The readings the rules and the baseline need: for a threshold without a
    /// duration only the latest reading, for one with a duration that long
    /// plus an hour, for a trend its window, for the baseline its history span.
    private func history(
        of patient: PatientID, rules: [Rule], latest: [Reading], baseline: Bool, now: Date
    ) async throws -> ReadingHistory {
        var spans: [VitalType: TimeInterval] = [:]
        for rule in rules where rule.isEnabled {
            let span: TimeInterval
            switch rule.condition {
            case .threshold(let condition): span = condition.duration.map { $0 > 0 ? $0 + 3600 : 0 } ?? 0
            case .trend(let condition): span = condition.window
            }
            spans[rule.type] = max(spans[rule.type] ?? 0, span)
        }
        if baseline {
            let detector = configuration.evaluator.baseline
            for reading in latest where detector.spreadFloors[reading.type] != nil {
                spans[reading.type] = max(spans[reading.type] ?? 0, detector.historySpan)
            }
        }
        var byType: [VitalType: [Reading]] = [:]
        for (type, span) in spans {
            if span == 0 {
                byType[type] = latest.filter { $0.type == type }
            } else {
                byType[type] = try await store.readings.readings(
                    of: patient,
                    matching: ReadingQuery(
                        type: type, from: now.addingTimeInterval(-span), limit: ReadingQuery.maximumLimit))
            }
        }
        return ReadingHistory(byType: byType)
    }
}

/// When each patient's baseline was last assessed.
actor BaselineSchedule {
    private var lastAssessed: [PatientID: Date] = [:]

    /// Whether the patient's baseline is due at `now`; if so, records it as assessed.
    func isDue(_ patient: PatientID, now: Date, interval: TimeInterval) -> Bool {
        if let last = lastAssessed[patient], now.timeIntervalSince(last) < interval, now >= last { return false }
        lastAssessed[patient] = now
        return true
    }
}
