import Foundation
import VigilCore

/// Evaluates a patient's rules against their recent readings at a given time.
///
/// A pure function: readings and `now` in, firing rules out. Readings measured
/// after `now` are ignored. Disabled rules never fire.
///
/// **Overlapping rules.** Every firing rule is reported, including several of
/// one type family fired by the same reading (systolic 185 fires both
/// `preset.hypertension.systolic-critical` and `…systolic-high`). Each rule has
/// its own id and lifecycle, so when the pressure falls to 170 the critical
/// alert resolves while the high one stays open; collapsing them is the
/// alerting layer's choice. Results are in rule order.
///
/// See `ThresholdCondition` for duration semantics and `TrendCondition` for the
/// trend reference (the window's minimum or maximum).
public struct RuleEvaluator: Sendable, Hashable {
    /// The rules evaluated, in order.
    public var rules: [Rule]

    /// An evaluator of `rules`.
    public init(rules: [Rule]) { self.rules = rules }

    /// An evaluator of a stored rule set.
    public init(ruleSet: RuleSet) { self.init(rules: ruleSet.rules) }

    /// The enabled rules that fire on `history` at `now`, with their evidence.
    public func firing(in history: ReadingHistory, at now: Date) -> [RuleFiring] {
        rules.compactMap { rule in
            guard rule.isEnabled else { return nil }
            let evidence: RuleEvidence?
            switch rule.condition {
            case .threshold(let condition):
                evidence = Self.evaluate(condition, history.readings(of: condition.type, through: now), at: now)
            case .trend(let condition): evidence = Self.evaluate(condition, history, at: now)
            }
            return evidence.map { RuleFiring(ruleID: rule.id, severity: rule.severity, type: rule.type, evidence: $0) }
        }
    }

    /// The enabled rules that fire on `readings` (one patient's, any order) at `now`.
    public func firing(in readings: some Sequence<Reading>, at now: Date) -> [RuleFiring] {
        firing(in: ReadingHistory(readings), at: now)
    }

    /// Evidence when the latest of `readings` (sorted, none after now) violates
    /// the threshold and the violating run is old enough.
    static func evaluate(_ condition: ThresholdCondition, _ readings: ArraySlice<Reading>, at now: Date)
        -> RuleEvidence?
    {
        guard let latest = readings.last, condition.isViolated(by: latest.value) else { return nil }
        var start = readings.endIndex - 1
        var extreme = latest.value
        while start > readings.startIndex, condition.isViolated(by: readings[start - 1].value) {
            start -= 1
            extreme = condition.comparison.moreExtreme(extreme, readings[start].value)
        }
        let since = readings[start].measuredAt
        if let duration = condition.duration, now.timeIntervalSince(since) < duration { return nil }
        return .threshold(
            value: latest.value, measuredAt: latest.measuredAt, since: since,
            readingCount: readings.endIndex - start, extreme: extreme)
    }

    /// Evidence when the latest reading in the window moved at least the
    /// amount from the window's minimum (rise) or maximum (fall).
    static func evaluate(_ condition: TrendCondition, _ history: ReadingHistory, at now: Date) -> RuleEvidence? {
        let window = history.readings(of: condition.type, from: now.addingTimeInterval(-condition.window), through: now)
        guard let latest = window.last, var reference = window.first else { return nil }
        for reading in window {
            let isBeyond =
                condition.direction == .rise ? reading.value < reference.value : reading.value > reference.value
            if isBeyond { reference = reading }
        }
        let change = latest.value - reference.value
        let movement = condition.direction == .rise ? change : -change
        guard movement >= condition.amount - TrendCondition.tolerance else { return nil }
        return .trend(
            value: latest.value, measuredAt: latest.measuredAt, reference: reference.value,
            referenceMeasuredAt: reference.measuredAt, change: change)
    }
}
