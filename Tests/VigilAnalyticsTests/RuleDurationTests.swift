import Foundation
import Testing
import VigilAnalytics
import VigilCore

/// "SpO2 < 90 for 10 min": every reading of an unbroken violating run, whose
/// earliest reading is at least ten minutes old.
struct RuleDurationTests {
    typealias F = Fixtures

    static let rule = Rule(
        id: RuleID("test.spo2-sustained"), severity: .high,
        condition: .threshold(ThresholdCondition(type: .spo2, comparison: .lessThan, value: 90, duration: minutes(10))))

    static func firing(_ readings: [Reading], at now: Date = F.now) -> [RuleFiring] {
        RuleEvaluator(rules: [rule]).firing(in: readings, at: now)
    }

    @Test func firesWhenTheConditionHeldForEveryReadingOverTheDuration() throws {
        let readings = F.series(.spo2, Array(repeating: 88, count: 11), spacing: minutes(1))
        let firing = try #require(Self.firing(readings).first)
        guard case .threshold(_, _, let since, let count, _) = firing.evidence else {
            Issue.record("expected threshold evidence")
            return
        }
        #expect(since == F.now.addingTimeInterval(-minutes(10)))
        #expect(count == 11)
    }

    @Test func doesNotFireBeforeTheDurationHasPassed() {
        let readings = F.series(.spo2, Array(repeating: 88, count: 10), spacing: minutes(1))
        #expect(Self.firing(readings).isEmpty, "run started 9 minutes ago")
        #expect(
            !Self.firing(readings, at: F.now.addingTimeInterval(minutes(1))).isEmpty, "a minute later it has held 10")
    }

    @Test func aSingleNonViolatingReadingBreaksTheRun() {
        var values = Array(repeating: 88.0, count: 15)
        values[8] = 91
        let readings = F.series(.spo2, values, spacing: minutes(1))
        #expect(Self.firing(readings).isEmpty, "the run after the 91 is only 5 minutes old")
    }

    @Test func doesNotFireWhenTheLatestReadingIsFine() {
        var values = Array(repeating: 88.0, count: 15)
        values[14] = 94
        #expect(Self.firing(F.series(.spo2, values, spacing: minutes(1))).isEmpty)
    }

    @Test func aValueAtTheThresholdBreaksAStrictRun() {
        var values = Array(repeating: 88.0, count: 15)
        values[3] = 90
        #expect(
            !Self.firing(F.series(.spo2, values, spacing: minutes(1))).isEmpty, "the run after the 90 is 10 minutes old"
        )
        values[6] = 90
        #expect(Self.firing(F.series(.spo2, values, spacing: minutes(1))).isEmpty)
    }

    @Test func anOldViolatingReadingWithNothingSinceHasHeldForItsAge() {
        #expect(!Self.firing([F.reading(.spo2, 87, ago: minutes(10))]).isEmpty)
        #expect(Self.firing([F.reading(.spo2, 87, ago: minutes(9))]).isEmpty)
    }

    @Test func sparseReadingsCountFromTheEarliestViolatingOne() {
        let readings = [
            F.reading(.spo2, 95, ago: minutes(30)), F.reading(.spo2, 89, ago: minutes(12)),
            F.reading(.spo2, 86, ago: minutes(1)),
        ]
        #expect(!Self.firing(readings).isEmpty)
    }

    @Test func zeroDurationBehavesLikeNoDuration() {
        let rule = Rule(
            id: RuleID("test.zero"), severity: .low,
            condition: .threshold(ThresholdCondition(type: .spo2, comparison: .lessThan, value: 90, duration: 0)))
        #expect(!RuleEvaluator(rules: [rule]).firing(in: [F.reading(.spo2, 85, ago: 0)], at: F.now).isEmpty)
    }
}
