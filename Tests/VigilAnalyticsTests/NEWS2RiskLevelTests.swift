import Testing
import VigilAnalytics

/// Risk levels: none for 0, low 1–4, low–medium for a single 3 below 5,
/// medium 5–6, high 7 and over.
struct NEWS2RiskLevelTests {
    @Test(arguments: [
        (0, false, NEWS2RiskLevel.none), (1, false, .low), (4, false, .low), (3, true, .lowMedium),
        (4, true, .lowMedium),
        (5, false, .medium), (5, true, .medium), (6, true, .medium), (7, false, .high), (7, true, .high),
        (20, true, .high),
    ])
    func mapsTotalsAndSingleThreesToRiskLevels(_ total: Int, _ hasThree: Bool, _ expected: NEWS2RiskLevel) {
        #expect(NEWS2RiskLevel(total: total, hasSingleParameterScoringThree: hasThree) == expected)
    }

    @Test func singleParameterScoringThreeIsLowMediumBelowFive() {
        let calculator = NEWS2Calculator()
        #expect(calculator.score(NEWS2Observations(respirationRate: 8)).riskLevel == .lowMedium)
        #expect(calculator.score(NEWS2Observations(respirationRate: 8, pulse: 100)).riskLevel == .lowMedium)
        #expect(calculator.score(NEWS2Observations(respirationRate: 8, oxygen: .oxygen)).riskLevel == .medium)
    }

    @Test func twoTwosAreLowNotLowMedium() {
        let score = NEWS2Calculator().score(NEWS2Observations(respirationRate: 22, oxygen: .oxygen))
        #expect(score.total == 4)
        #expect(score.riskLevel == .low)
    }

    @Test func levelsAreOrderedByUrgency() {
        #expect(NEWS2RiskLevel.allCases.sorted() == [.none, .low, .lowMedium, .medium, .high])
        #expect(NEWS2RiskLevel.allCases.map(\.rank) == [0, 1, 2, 3, 4])
    }
}
