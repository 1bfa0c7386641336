import Foundation
import Testing
import VigilAnalytics
import VigilCore

/// Weight-gain trends: the latest weight against the window's minimum.
struct WeightTrendRuleTests {
    typealias F = Fixtures

    static let day = RulePresets.rules(for: .heartFailure)[0]
    static let week = RulePresets.rules(for: .heartFailure)[1]

    static func fires(_ rule: Rule, _ readings: [Reading]) -> Bool {
        !RuleEvaluator(rules: [rule]).firing(in: readings, at: F.now).isEmpty
    }

    @Test func firesOnAGainOfOneKilogramWithinADay() throws {
        let readings = [F.reading(.bodyWeight, 80, ago: hours(23)), F.reading(.bodyWeight, 81, ago: hours(1))]
        #expect(Self.fires(Self.day, readings))
        let firing = try #require(RuleEvaluator(rules: [Self.day]).firing(in: readings, at: F.now).first)
        #expect(
            firing.evidence
                == .trend(
                    value: 81, measuredAt: F.now.addingTimeInterval(-hours(1)), reference: 80,
                    referenceMeasuredAt: F.now.addingTimeInterval(-hours(23)), change: 1))
    }

    @Test func doesNotFireBelowTheAmount() {
        #expect(
            !Self.fires(Self.day, [F.reading(.bodyWeight, 80, ago: hours(23)), F.reading(.bodyWeight, 80.9, ago: 0)]))
    }

    @Test func countsADecimalGainDespiteBinaryRounding() {
        #expect(
            Self.fires(Self.day, [F.reading(.bodyWeight, 80.1, ago: hours(20)), F.reading(.bodyWeight, 81.1, ago: 0)]))
        #expect(
            Self.fires(Self.week, [F.reading(.bodyWeight, 70.3, ago: days(6)), F.reading(.bodyWeight, 72.3, ago: 0)]))
    }

    @Test func comparesWithTheMinimumNotTheEarliestReading() {
        let readings = [
            F.reading(.bodyWeight, 81, ago: hours(22)), F.reading(.bodyWeight, 79.8, ago: hours(12)),
            F.reading(.bodyWeight, 80.9, ago: hours(1)),
        ]
        #expect(Self.fires(Self.day, readings), "80.9 is 1.1 above the 79.8 minimum, though below the earliest 81")
    }

    @Test func readingsOutsideTheWindowDoNotCount() {
        let readings = [
            F.reading(.bodyWeight, 78, ago: hours(25)), F.reading(.bodyWeight, 79.5, ago: hours(2)),
            F.reading(.bodyWeight, 79.6, ago: 0),
        ]
        #expect(!Self.fires(Self.day, readings))
    }

    @Test func theLatestWeightMustBeTheHighOne() {
        let readings = [
            F.reading(.bodyWeight, 80, ago: hours(20)), F.reading(.bodyWeight, 81.5, ago: hours(10)),
            F.reading(.bodyWeight, 80.2, ago: 0),
        ]
        #expect(!Self.fires(Self.day, readings))
    }

    @Test func sevenDayRuleSeesASlowGainTheDayRuleMisses() {
        let readings = F.series(.bodyWeight, [80, 80.4, 80.7, 81.0, 81.3, 81.6, 82.0], spacing: days(1))
        #expect(Self.fires(Self.week, readings))
        #expect(!Self.fires(Self.day, readings))
        let older = F.series(.bodyWeight, [80, 80.4, 80.7, 81.0, 81.3, 81.6, 82.0], spacing: days(1.2))
        #expect(!Self.fires(Self.week, older), "the 80 kg reading is 7.2 days old")
    }

    @Test func aSingleReadingNeverFires() {
        #expect(!Self.fires(Self.day, [F.reading(.bodyWeight, 95, ago: 0)]))
    }

    @Test func aFallTrendComparesWithTheWindowsMaximum() {
        let rule = Rule(
            id: RuleID("test.weight-loss"), severity: .medium,
            condition: .trend(TrendCondition(type: .bodyWeight, direction: .fall, amount: 2, window: days(7))))
        let readings = [
            F.reading(.bodyWeight, 70, ago: days(5)), F.reading(.bodyWeight, 71, ago: days(3)),
            F.reading(.bodyWeight, 69, ago: 0),
        ]
        let firing = RuleEvaluator(rules: [rule]).firing(in: readings, at: F.now)
        #expect(firing.count == 1)
        if case .trend(_, _, let reference, _, let change) = firing.first?.evidence {
            #expect(reference == 71)
            #expect(change == -2)
        } else {
            Issue.record("expected trend evidence")
        }
    }
}
