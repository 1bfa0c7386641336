import Foundation
import Testing
import VigilAnalytics
import VigilCore

/// Threshold rules without a duration: the latest reading decides.
struct RuleThresholdTests {
    typealias F = Fixtures

    static func rule(_ comparison: RuleComparison, _ value: Double, type: VitalType = .heartRate, enabled: Bool = true)
        -> Rule
    {
        Rule(
            id: RuleID("test.\(comparison.rawValue)"), severity: .medium, isEnabled: enabled,
            condition: .threshold(ThresholdCondition(type: type, comparison: comparison, value: value)))
    }

    static func fires(_ rule: Rule, _ readings: [Reading]) -> Bool {
        !RuleEvaluator(rules: [rule]).firing(in: readings, at: F.now).isEmpty
    }

    @Test(arguments: [
        (RuleComparison.lessThan, 49.0, true), (.lessThan, 50, false), (.lessThanOrEqual, 50, true),
        (.lessThanOrEqual, 51, false),
        (.greaterThan, 51, true), (.greaterThan, 50, false), (.greaterThanOrEqual, 50, true),
        (.greaterThanOrEqual, 49, false),
    ])
    func comparesTheLatestValueWithTheThreshold(_ comparison: RuleComparison, _ value: Double, _ fires: Bool) {
        #expect(Self.fires(Self.rule(comparison, 50), [F.reading(.heartRate, value, ago: minutes(1))]) == fires)
    }

    @Test func onlyTheLatestReadingCounts() {
        let rule = Self.rule(.greaterThan, 120)
        #expect(
            !Self.fires(
                rule, [F.reading(.heartRate, 130, ago: minutes(10)), F.reading(.heartRate, 80, ago: minutes(1))]))
        #expect(
            Self.fires(
                rule, [F.reading(.heartRate, 80, ago: minutes(10)), F.reading(.heartRate, 130, ago: minutes(1))]))
    }

    @Test func readingsAfterNowAndOfOtherTypesAreIgnored() {
        let rule = Self.rule(.greaterThan, 120)
        #expect(
            !Self.fires(
                rule, [F.reading(.heartRate, 80, ago: minutes(1)), F.reading(.heartRate, 130, ago: -minutes(1))]))
        #expect(!Self.fires(rule, [F.reading(.respiratoryRate, 130, ago: minutes(1))]))
        #expect(!Self.fires(rule, []))
    }

    @Test func disabledRulesNeverFire() {
        #expect(
            !Self.fires(Self.rule(.greaterThan, 120, enabled: false), [F.reading(.heartRate, 130, ago: minutes(1))]))
    }

    @Test func reportsSeverityAndTheValuesThatFired() throws {
        let readings = F.series(.heartRate, [100, 135, 150, 131], endingAgo: minutes(1), spacing: minutes(2))
        let firing = try #require(
            RuleEvaluator(rules: [Self.rule(.greaterThan, 130)]).firing(in: readings, at: F.now).first)
        #expect(firing.ruleID == RuleID("test.>"))
        #expect(firing.severity == .medium)
        #expect(firing.type == .heartRate)
        #expect(
            firing.evidence
                == .threshold(
                    value: 131, measuredAt: F.now.addingTimeInterval(-minutes(1)),
                    since: F.now.addingTimeInterval(-minutes(5)),
                    readingCount: 3, extreme: 150))
        #expect(firing.evidence.value == 131)
    }

    @Test func lowerLimitsReportTheLowestValueAsExtreme() throws {
        let readings = F.series(.spo2, [87, 85, 89], spacing: minutes(1))
        let rule = Self.rule(.lessThan, 90, type: .spo2)
        let firing = try #require(RuleEvaluator(rules: [rule]).firing(in: readings, at: F.now).first)
        guard case .threshold(_, _, _, let count, let extreme) = firing.evidence else {
            Issue.record("expected threshold evidence")
            return
        }
        #expect(count == 3)
        #expect(extreme == 85)
    }

    @Test func reportsFiringRulesInRuleOrder() {
        let rules = [Self.rule(.greaterThan, 100), Self.rule(.lessThan, 50), Self.rule(.greaterThanOrEqual, 90)]
        let firing = RuleEvaluator(rules: rules).firing(in: [F.reading(.heartRate, 110, ago: 0)], at: F.now)
        #expect(firing.map(\.ruleID) == [RuleID("test.>"), RuleID("test.>=")])
    }
}
