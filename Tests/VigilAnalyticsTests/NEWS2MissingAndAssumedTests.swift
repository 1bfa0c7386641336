import Foundation
import Testing
import VigilAnalytics
import VigilCore

/// Missing measurements make a score partial; missing oxygen and consciousness
/// are assumed from the patient's baseline.
struct NEWS2MissingAndAssumedTests {
    static let complete = NEWS2Observations(
        respirationRate: 16, oxygenSaturation: 97, oxygen: .air, systolicBloodPressure: 120, pulse: 70,
        consciousness: .alert, temperature: 37)

    @Test func emptySetIsPartialWithEveryMeasurementMissingAndBothStatesAssumed() {
        let score = NEWS2Calculator().score(NEWS2Observations())
        #expect(score.isPartial)
        #expect(score.missing == [.respirationRate, .oxygenSaturation, .systolicBloodPressure, .pulse, .temperature])
        #expect(score.assumed == [.supplementalOxygen, .consciousness])
        #expect(score.total == 0)
        #expect(score.riskLevel == .none)
        #expect(score.subScores == NEWS2SubScores(supplementalOxygen: 0, consciousness: 0))
    }

    @Test(arguments: NEWS2Parameter.allCases.filter { !$0.isAssumedWhenMissing })
    func eachMissingMeasurementMakesTheScorePartialAndIsListed(_ parameter: NEWS2Parameter) {
        var observations = Self.complete
        switch parameter {
        case .respirationRate: observations.respirationRate = nil
        case .oxygenSaturation: observations.oxygenSaturation = nil
        case .systolicBloodPressure: observations.systolicBloodPressure = nil
        case .pulse: observations.pulse = nil
        case .temperature: observations.temperature = nil
        case .supplementalOxygen, .consciousness: Issue.record("not a measurement")
        }
        let score = NEWS2Calculator().score(observations)
        #expect(score.isPartial)
        #expect(score.missing == [parameter])
        #expect(score.subScores[parameter] == nil)
        #expect(score.assumed.isEmpty)
    }

    @Test func partialScoreIsALowerBoundOfWhatWasScored() {
        let score = NEWS2Calculator().score(NEWS2Observations(respirationRate: 26, pulse: 135))
        #expect(score.total == 6)
        #expect(score.riskLevel == .medium)
        #expect(score.isPartial)
        #expect(Array(score.missing) == [.oxygenSaturation, .systolicBloodPressure, .temperature])
    }

    @Test func nonFiniteValuesCountAsMissing() {
        var observations = Self.complete
        observations.pulse = .nan
        observations.temperature = .infinity
        let score = NEWS2Calculator().score(observations)
        #expect(score.missing == [.pulse, .temperature])
        #expect(score.total == 0)
    }

    @Test func missingOxygenAndConsciousnessDefaultToAirAndAlert() {
        var observations = Self.complete
        observations.oxygen = nil
        observations.consciousness = nil
        let score = NEWS2Calculator().score(observations)
        #expect(!score.isPartial)
        #expect(score.assumed == [.supplementalOxygen, .consciousness])
        #expect(score.subScores[.supplementalOxygen] == 0)
        #expect(score.subScores[.consciousness] == 0)
        #expect(score.total == 0)
    }

    @Test func missingOxygenTakesThePatientsBaselineIncludingForScaleTwo() {
        let calculator = NEWS2Calculator(scale: .scale2, baselineOxygen: .oxygen)
        let score = calculator.score(NEWS2Observations(oxygenSaturation: 97))
        #expect(score.assumed == [.supplementalOxygen, .consciousness])
        #expect(score.subScores[.supplementalOxygen] == 2)
        #expect(score.subScores[.oxygenSaturation] == 3)
        #expect(score.total == 5)
    }

    @Test func missingConsciousnessTakesThePatientsBaseline() {
        let calculator = NEWS2Calculator(baselineConsciousness: .confusion)
        var observations = Self.complete
        observations.consciousness = nil
        let score = calculator.score(observations)
        #expect(score.assumed == [.consciousness])
        #expect(score.subScores[.consciousness] == 3)
        #expect(score.riskLevel == .lowMedium)
    }

    @Test func measuredStatesOverrideTheBaselineAndAreNotAssumed() {
        let calculator = NEWS2Calculator(baselineOxygen: .oxygen, baselineConsciousness: .voice)
        let score = calculator.score(Self.complete)
        #expect(score.assumed.isEmpty)
        #expect(score.total == 0)
    }

    @Test func calculatorTakesThePatientsScale() {
        let patient = Patient(displayName: "Test", news2Scale: .scale2, conditions: [.copd])
        #expect(NEWS2Calculator(patient: patient).scale == .scale2)
        #expect(
            NEWS2Calculator(patient: patient).score(NEWS2Observations(oxygenSaturation: 88)).subScores[
                .oxygenSaturation] == 0)
    }

    @Test func scoreEncodesSubScoresAndParameterNames() throws {
        let score = NEWS2Calculator().score(NEWS2Observations(respirationRate: 26))
        let data = try JSONEncoder().encode(score)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["total"] as? Int == 3)
        #expect(object["riskLevel"] as? String == "lowMedium")
        #expect(object["isPartial"] as? Bool == true)
        #expect(
            object["missing"] as? [String] == ["oxygenSaturation", "systolicBloodPressure", "pulse", "temperature"])
        #expect(object["assumed"] as? [String] == ["supplementalOxygen", "consciousness"])
        #expect(
            object["subScores"] as? [String: Int] == [
                "respirationRate": 3, "supplementalOxygen": 0, "consciousness": 0,
            ])
        #expect(try JSONDecoder().decode(NEWS2Score.self, from: data) == score)
    }
}
