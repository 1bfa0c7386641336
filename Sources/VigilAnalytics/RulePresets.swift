import VigilCore

/// Suggested rules by chronic condition, which a clinician switches on for a
/// patient and may edit (they are plain `Rule` values; an edited preset keeps
/// its id, so alert deduplication carries on).
///
/// | condition | id (`preset.…`) | rule | severity |
/// |---|---|---|---|
/// | heart failure | `heart-failure.weight-gain-24h` | body weight rise ≥ 1 kg in 24 h | high |
/// | heart failure | `heart-failure.weight-gain-7d` | body weight rise ≥ 2 kg in 7 days | high |
/// | hypertension | `hypertension.systolic-critical` | systolic ≥ 180 mmHg | critical |
/// | hypertension | `hypertension.diastolic-critical` | diastolic ≥ 120 mmHg | critical |
/// | hypertension | `hypertension.systolic-high` | systolic ≥ 160 mmHg | high |
/// | hypertension | `hypertension.diastolic-high` | diastolic ≥ 100 mmHg | high |
/// | diabetes | `diabetes.glucose-low` | glucose < 70 mg/dL | high |
/// | diabetes | `diabetes.glucose-very-low` | glucose < 54 mg/dL | critical |
/// | diabetes | `diabetes.glucose-high` | glucose > 300 mg/dL | high |
/// | COPD | `copd.spo2-low` | SpO2 < 88 % | high |
///
/// Overlaps are deliberate: systolic 185 fires both hypertension systolic
/// rules, glucose 50 both low-glucose rules, and a 2 kg gain in one day both
/// weight rules; `RuleEvaluator` reports each (see there). For COPD, NEWS2
/// scale 2 is also recommended (`recommendedNEWS2Scale(for:)`), which a
/// clinician confirms only for hypercapnic respiratory failure with an
/// 88–92 % target.
public enum RulePresets {
    /// The preset rules for one condition, enabled.
    public static func rules(for condition: Condition) -> [Rule] {
        switch condition {
        case .heartFailure:
            [
                trend("heart-failure.weight-gain-24h", "Weight gain ≥ 1 kg in 24 h", amount: 1, hours: 24),
                trend("heart-failure.weight-gain-7d", "Weight gain ≥ 2 kg in 7 days", amount: 2, hours: 7 * 24),
            ]
        case .hypertension:
            [
                threshold(
                    "hypertension.systolic-critical", "Systolic ≥ 180 mmHg", .systolic, .greaterThanOrEqual, 180,
                    .critical),
                threshold(
                    "hypertension.diastolic-critical", "Diastolic ≥ 120 mmHg", .diastolic, .greaterThanOrEqual, 120,
                    .critical),
                threshold(
                    "hypertension.systolic-high", "Systolic ≥ 160 mmHg", .systolic, .greaterThanOrEqual, 160, .high),
                threshold(
                    "hypertension.diastolic-high", "Diastolic ≥ 100 mmHg", .diastolic, .greaterThanOrEqual, 100, .high),
            ]
        case .diabetes:
            [
                threshold("diabetes.glucose-low", "Glucose < 70 mg/dL", .bloodGlucose, .lessThan, 70, .high),
                threshold("diabetes.glucose-very-low", "Glucose < 54 mg/dL", .bloodGlucose, .lessThan, 54, .critical),
                threshold("diabetes.glucose-high", "Glucose > 300 mg/dL", .bloodGlucose, .greaterThan, 300, .high),
            ]
        case .copd:
            [threshold("copd.spo2-low", "SpO2 < 88 %", .spo2, .lessThan, 88, .high)]
        }
    }

    /// The preset rules for several conditions, in the order given, each id once.
    public static func rules(for conditions: some Sequence<Condition>) -> [Rule] {
        var seen: Set<RuleID> = []
        return conditions.flatMap { rules(for: $0) }.filter { seen.insert($0.id).inserted }
    }

    /// The NEWS2 scale suggested for a patient's conditions: scale 2 with COPD,
    /// else scale 1. Only a suggestion: scale 2 is for hypercapnic respiratory
    /// failure with a prescribed 88–92 % target, which a clinician confirms.
    public static func recommendedNEWS2Scale(for conditions: some Sequence<Condition>) -> NEWS2Scale {
        conditions.contains(.copd) ? .scale2 : .scale1
    }

    private static func threshold(
        _ id: String, _ name: String, _ type: VitalType, _ comparison: RuleComparison, _ value: Double,
        _ severity: RuleSeverity
    ) -> Rule {
        Rule(
            id: RuleID("preset.\(id)"), name: name, severity: severity,
            condition: .threshold(ThresholdCondition(type: type, comparison: comparison, value: value)))
    }

    private static func trend(_ id: String, _ name: String, amount: Double, hours: Double) -> Rule {
        Rule(
            id: RuleID("preset.\(id)"), name: name, severity: .high,
            condition: .trend(TrendCondition(type: .bodyWeight, direction: .rise, amount: amount, window: hours * 3600))
        )
    }
}
