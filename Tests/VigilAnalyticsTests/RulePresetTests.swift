import Foundation
import Testing
import VigilAnalytics
import VigilCore

/// Condition presets: the issue's numbers, stable ids, and the overlaps reported in full.
struct RulePresetTests {
    typealias F = Fixtures

    static func firingIDs(_ condition: Condition, _ readings: [Reading]) -> Set<String> {
        Set(
            RuleEvaluator(rules: RulePresets.rules(for: condition)).firing(in: readings, at: F.now).map(
                \.ruleID.rawValue))
    }

    static func threshold(_ rule: Rule) -> ThresholdCondition? {
        if case .threshold(let condition) = rule.condition { return condition }
        return nil
    }

    @Test func hypertensionPresetsHaveTheIssuesNumbers() throws {
        let rules = RulePresets.rules(for: .hypertension)
        let expected: [(String, VitalType, Double, RuleSeverity)] = [
            ("preset.hypertension.systolic-critical", .systolic, 180, .critical),
            ("preset.hypertension.diastolic-critical", .diastolic, 120, .critical),
            ("preset.hypertension.systolic-high", .systolic, 160, .high),
            ("preset.hypertension.diastolic-high", .diastolic, 100, .high),
        ]
        #expect(rules.count == expected.count)
        for (rule, (id, type, value, severity)) in zip(rules, expected) {
            let condition = try #require(Self.threshold(rule))
            #expect(rule.id.rawValue == id)
            #expect(condition == ThresholdCondition(type: type, comparison: .greaterThanOrEqual, value: value))
            #expect(rule.severity == severity)
            #expect(rule.isEnabled)
        }
    }

    @Test func diabetesAndCOPDPresetsHaveTheIssuesNumbers() throws {
        let diabetes = RulePresets.rules(for: .diabetes)
        #expect(
            diabetes.map(\.id.rawValue) == [
                "preset.diabetes.glucose-low", "preset.diabetes.glucose-very-low", "preset.diabetes.glucose-high",
            ])
        #expect(
            diabetes.compactMap(Self.threshold) == [
                ThresholdCondition(type: .bloodGlucose, comparison: .lessThan, value: 70),
                ThresholdCondition(type: .bloodGlucose, comparison: .lessThan, value: 54),
                ThresholdCondition(type: .bloodGlucose, comparison: .greaterThan, value: 300),
            ])
        #expect(diabetes.map(\.severity) == [.high, .critical, .high])
        let copd = try #require(RulePresets.rules(for: .copd).first)
        #expect(copd.id.rawValue == "preset.copd.spo2-low")
        #expect(Self.threshold(copd) == ThresholdCondition(type: .spo2, comparison: .lessThan, value: 88))
        #expect(copd.severity == .high)
    }

    @Test func heartFailurePresetsAreWeightGainsOverOneAndSevenDays() {
        let rules = RulePresets.rules(for: .heartFailure)
        #expect(
            rules.map(\.id.rawValue) == ["preset.heart-failure.weight-gain-24h", "preset.heart-failure.weight-gain-7d"])
        #expect(
            rules.map(\.condition) == [
                .trend(TrendCondition(type: .bodyWeight, direction: .rise, amount: 1, window: hours(24))),
                .trend(TrendCondition(type: .bodyWeight, direction: .rise, amount: 2, window: days(7))),
            ])
        #expect(rules.allSatisfy { $0.severity == .high })
    }

    @Test func aCriticalPressureFiresBothOverlappingRules() {
        #expect(
            Self.firingIDs(.hypertension, [F.reading(.systolic, 185, ago: 0), F.reading(.diastolic, 95, ago: 0)])
                == ["preset.hypertension.systolic-critical", "preset.hypertension.systolic-high"])
        #expect(
            Self.firingIDs(.hypertension, [F.reading(.systolic, 165, ago: 0), F.reading(.diastolic, 125, ago: 0)])
                == [
                    "preset.hypertension.systolic-high", "preset.hypertension.diastolic-critical",
                    "preset.hypertension.diastolic-high",
                ])
        #expect(
            Self.firingIDs(.hypertension, [F.reading(.systolic, 159, ago: 0), F.reading(.diastolic, 99, ago: 0)])
                .isEmpty)
        #expect(
            Self.firingIDs(.hypertension, [F.reading(.systolic, 160, ago: 0), F.reading(.diastolic, 100, ago: 0)])
                == ["preset.hypertension.systolic-high", "preset.hypertension.diastolic-high"])
    }

    @Test func glucoseBoundariesFollowTheStrictComparisons() {
        #expect(Self.firingIDs(.diabetes, [F.reading(.bloodGlucose, 70, ago: 0)]).isEmpty)
        #expect(Self.firingIDs(.diabetes, [F.reading(.bloodGlucose, 69, ago: 0)]) == ["preset.diabetes.glucose-low"])
        #expect(Self.firingIDs(.diabetes, [F.reading(.bloodGlucose, 54, ago: 0)]) == ["preset.diabetes.glucose-low"])
        #expect(
            Self.firingIDs(.diabetes, [F.reading(.bloodGlucose, 53, ago: 0)])
                == ["preset.diabetes.glucose-low", "preset.diabetes.glucose-very-low"])
        #expect(Self.firingIDs(.diabetes, [F.reading(.bloodGlucose, 300, ago: 0)]).isEmpty)
        #expect(Self.firingIDs(.diabetes, [F.reading(.bloodGlucose, 301, ago: 0)]) == ["preset.diabetes.glucose-high"])
    }

    @Test func copdFiresBelowEightyEight() {
        #expect(Self.firingIDs(.copd, [F.reading(.spo2, 87, ago: 0)]) == ["preset.copd.spo2-low"])
        #expect(Self.firingIDs(.copd, [F.reading(.spo2, 88, ago: 0)]).isEmpty)
    }

    @Test func copdRecommendsScaleTwo() {
        #expect(RulePresets.recommendedNEWS2Scale(for: [.copd, .diabetes]) == .scale2)
        #expect(RulePresets.recommendedNEWS2Scale(for: [.hypertension]) == .scale1)
        #expect(RulePresets.recommendedNEWS2Scale(for: []) == .scale1)
    }

    @Test func presetsForSeveralConditionsKeepOrderAndEachIDOnce() {
        let rules = RulePresets.rules(for: [.copd, .hypertension, .copd])
        #expect(rules.map(\.id.rawValue).first == "preset.copd.spo2-low")
        #expect(rules.count == 5)
        #expect(Set(rules.map(\.id)).count == rules.count)
        let all = RulePresets.rules(for: Condition.allCases)
        #expect(all.count == 10)
        #expect(throws: Never.self) { try RuleSet(rules: all).validate() }
    }

    @Test func anEditedPresetKeepsItsIDAndUsesTheNewValue() throws {
        var rule = try #require(RulePresets.rules(for: .hypertension).first)
        rule.condition = .threshold(ThresholdCondition(type: .systolic, comparison: .greaterThanOrEqual, value: 170))
        let firing = RuleEvaluator(rules: [rule]).firing(in: [F.reading(.systolic, 172, ago: 0)], at: F.now)
        #expect(firing.map(\.ruleID.rawValue) == ["preset.hypertension.systolic-critical"])
    }
}
