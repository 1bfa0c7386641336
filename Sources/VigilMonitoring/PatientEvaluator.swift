import Foundation
import VigilAnalytics
import VigilCore

/// Evaluates one patient: NEWS2, their rules, their personal baseline, and
/// whether silent types spoke again. A pure function of its input.
///
/// - **NEWS2** is scored from the latest reading of each parameter within the
///   window (default 60 min) whenever at least one measured parameter is
///   there. A result is stored as a `news2Score` reading, measured at the
///   newest observation scored, when its total differs from the last one
///   stored. Its alert (`news2`) follows `AlertPolicy.severity(for:)`.
/// - **Rules** fire as `RuleEvaluator` says; the alert's rule id is the rule's.
/// - **Baseline** departures (when assessed) raise `baseline.<type>` alerts.
/// - **No-data** alerts (`no-data.<type>`) are resolved by Vigil, with a
///   note, once the type has a reading within its interval again.
///
/// Clinical alerts are never resolved automatically when their condition
/// clears: a clinician resolves them, so a deterioration that came and went
/// is still seen.
public struct PatientEvaluator: Sendable {
    /// Windows and detectors, with documented defaults.
    public struct Configuration: Sendable, Hashable {
        /// How far back a reading counts for NEWS2. Default 60 min.
        public var news2Window: TimeInterval
        /// The personal-baseline detector. Default `BaselineDetector.Configuration()`.
        public var baseline: BaselineDetector.Configuration
        /// Expected types and intervals of no-data alerts. Default 24 h for every type sent in 14 days.
        public var missingData: MissingDataDetector.Configuration

        public init(
            news2Window: TimeInterval = NEWS2Observations.defaultWindow,
            baseline: BaselineDetector.Configuration = .init(), missingData: MissingDataDetector.Configuration = .init()
        ) {
            self.news2Window = news2Window
            self.baseline = baseline
            self.missingData = missingData
        }
    }

    public var configuration: Configuration
    public var lifecycle: AlertLifecycle

    public init(configuration: Configuration = Configuration(), lifecycle: AlertLifecycle = AlertLifecycle()) {
        self.configuration = configuration
        self.lifecycle = lifecycle
    }

    /// The note Vigil leaves on a no-data alert it resolves.
    public static let dataArrivedNote = "Resolved automatically: data arrived."

    /// Evaluates one patient at `input.now`.
    public func evaluate(_ input: PatientEvaluationInput) -> PatientEvaluationOutcome {
        var outcome = PatientEvaluationOutcome()
        var firings: [AlertFiring] = []
        if let (update, reading, firing) = news2(input) {
            if let reading {
                outcome.news2 = update
                outcome.news2Reading = reading
            }
            if let firing { firings.append(firing) }
        }
        firings += rules(input)
        if input.assessBaseline { firings += baseline(input) }

        var active = Dictionary(input.activeAlerts.map { ($0.ruleID, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        for firing in firings where seen.insert(firing.ruleID).inserted {
            if let change = lifecycle.fire(
                firing, existing: active[firing.ruleID], patient: input.patient.id, now: input.now)
            {
                outcome.changes.append(change)
                active[firing.ruleID] = change.alert
            }
        }
        outcome.changes += resolvedNoData(input)
        return outcome
    }

    /// The NEWS2 result, the reading to store when it changed, and its alert firing.
    private func news2(_ input: PatientEvaluationInput) -> (NEWS2Update, Reading?, AlertFiring?)? {
        let start = input.now.addingTimeInterval(-configuration.news2Window)
        let observed = input.latest.filter { reading in
            Self.news2Types.contains(reading.type) && reading.measuredAt >= start && reading.measuredAt <= input.now
        }
        let score = NEWS2Calculator(patient: input.patient).score(
            latestOf: observed, at: input.now, window: configuration.news2Window)
        guard score.missing.count < Self.measuredParameterCount, let measuredAt = observed.map(\.measuredAt).max()
        else { return nil }
        let previous = input.latest.first { $0.type == .news2Score }
        let update = NEWS2Update(
            patientID: input.patient.id, score: score, measuredAt: measuredAt, previousTotal: previous.map { Int($0.value) })
        var reading: Reading?
        if previous?.value != Double(score.total) {
            reading = Reading(
                patientID: input.patient.id, deviceID: nil, type: .news2Score, value: Double(score.total),
                originalUnit: VitalType.news2Score.canonicalUnit, measuredAt: measuredAt, receivedAt: input.now)
        }
        let firing = AlertPolicy.severity(for: score.riskLevel).map { severity in
            AlertFiring(
                ruleID: RuleIDs.news2, title: Self.title(of: score), severity: severity, evidenceAt: measuredAt,
                details: AlertDetails(kind: "news2", news2: score).json)
        }
        return (update, reading, firing)
    }

    /// Firings of the patient's rules.
    private func rules(_ input: PatientEvaluationInput) -> [AlertFiring] {
        let names = Dictionary(input.rules.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return RuleEvaluator(rules: input.rules.filter { !RuleIDs.isReserved($0.id.rawValue) })
            .firing(in: input.history, at: input.now)
            .map { firing in
                AlertFiring(
                    ruleID: firing.ruleID.rawValue, title: names[firing.ruleID] ?? firing.ruleID.rawValue,
                    severity: firing.severity, evidenceAt: firing.evidence.measuredAt,
                    details: AlertDetails(kind: "rule", type: firing.type, evidence: firing.evidence).json)
            }
    }

    /// Firings of sustained departures from the personal baseline.
    private func baseline(_ input: PatientEvaluationInput) -> [AlertFiring] {
        BaselineDetector(configuration: configuration.baseline).departures(in: input.history, at: input.now)
            .compactMap { assessment in
                guard let latest = input.history.readings(of: assessment.type, through: input.now).last else {
                    return nil
                }
                return AlertFiring(
                    ruleID: RuleIDs.baseline(assessment.type),
                    title: "\(assessment.type.displayName) \(assessment.direction.rawValue) personal baseline",
                    severity: lifecycle.policy.baselineSeverity, evidenceAt: latest.measuredAt,
                    details: AlertDetails(kind: "baseline", type: assessment.type, baseline: assessment).json)
            }
    }

    /// No-data alerts whose type has a reading within its interval again, resolved.
    private func resolvedNoData(_ input: PatientEvaluationInput) -> [AlertChange] {
        input.activeAlerts.compactMap { alert in
            guard let type = RuleIDs.noDataType(of: alert.ruleID),
                let latest = input.latest.first(where: { $0.type == type }),
                latest.measuredAt >= input.now.addingTimeInterval(-configuration.missingData.interval(for: type))
            else { return nil }
            return try? lifecycle.resolve(alert, by: nil, note: Self.dataArrivedNote, now: input.now)
        }
    }

    /// The vital types NEWS2 reads.
    static let news2Types: Set<VitalType> = Set(NEWS2Parameter.allCases.map(\.vitalType)).union([.inhaledOxygenFlow])

    /// Respiration rate, SpO2, systolic pressure, pulse, temperature.
    static let measuredParameterCount = NEWS2Parameter.allCases.filter { !$0.isAssumedWhenMissing }.count

    /// "NEWS2 7 (high risk)", or "NEWS2 ≥ 5 (medium risk, partial)".
    static func title(of score: NEWS2Score) -> String {
        let risk: String
        switch score.riskLevel {
        case .none: risk = "no risk"
        case .low: risk = "low risk"
        case .lowMedium: risk = "low–medium risk"
        case .medium: risk = "medium risk"
        case .high: risk = "high risk"
        }
        return score.isPartial ? "NEWS2 ≥ \(score.total) (\(risk), partial)" : "NEWS2 \(score.total) (\(risk))"
    }
}
