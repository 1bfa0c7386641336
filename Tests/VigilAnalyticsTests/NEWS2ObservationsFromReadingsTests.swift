import Foundation
import Testing
import VigilAnalytics
import VigilCore

/// Building an observation set from a patient's readings: the latest of each
/// parameter within the window.
struct NEWS2ObservationsFromReadingsTests {
    typealias F = Fixtures

    @Test func takesTheLatestReadingOfEachParameterWithinTheWindow() {
        let readings = [
            F.reading(.respiratoryRate, 14, ago: minutes(50)), F.reading(.respiratoryRate, 22, ago: minutes(5)),
            F.reading(.spo2, 95, ago: minutes(10)), F.reading(.systolic, 118, ago: minutes(30)),
            F.reading(.diastolic, 80, ago: minutes(30)), F.reading(.heartRate, 88, ago: minutes(1)),
            F.reading(.heartRate, 120, ago: minutes(20)), F.reading(.bodyTemperature, 37.4, ago: minutes(59)),
            F.reading(.consciousness, Consciousness.voice.ordinal, ago: minutes(2)),
            F.reading(.supplementalOxygen, 1, ago: minutes(15)),
        ]
        let observations = NEWS2Observations(latestOf: readings, at: F.now)
        #expect(
            observations
                == NEWS2Observations(
                    respirationRate: 22, oxygenSaturation: 95, oxygen: .oxygen, systolicBloodPressure: 118, pulse: 88,
                    consciousness: .voice, temperature: 37.4))
    }

    @Test func ignoresReadingsOlderThanTheWindowAndAfterNow() {
        let readings = [
            F.reading(.heartRate, 70, ago: minutes(61)), F.reading(.heartRate, 140, ago: -minutes(1)),
            F.reading(.spo2, 96, ago: minutes(60)), F.reading(.bodyTemperature, 38, ago: minutes(90)),
        ]
        let observations = NEWS2Observations(latestOf: readings, at: F.now)
        #expect(observations.pulse == nil)
        #expect(observations.oxygenSaturation == 96, "a reading exactly one window old counts")
        #expect(observations.temperature == nil)
        let wider = NEWS2Observations(latestOf: readings, at: F.now, window: minutes(120))
        #expect(wider.pulse == 70)
        #expect(wider.temperature == 38)
    }

    @Test func oxygenFlowAboveZeroMeansOxygenAndZeroMeansAir() {
        let onFlow = NEWS2Observations(latestOf: [F.reading(.inhaledOxygenFlow, 2, ago: minutes(5))], at: F.now)
        #expect(onFlow.oxygen == .oxygen)
        let offFlow = NEWS2Observations(latestOf: [F.reading(.inhaledOxygenFlow, 0, ago: minutes(5))], at: F.now)
        #expect(offFlow.oxygen == .air)
        let flag = NEWS2Observations(latestOf: [F.reading(.supplementalOxygen, 0, ago: minutes(5))], at: F.now)
        #expect(flag.oxygen == .air)
        let none = NEWS2Observations(latestOf: [F.reading(.supplementalOxygen, 1, ago: minutes(70))], at: F.now)
        #expect(none.oxygen == nil)
    }

    @Test func theLatestOxygenReadingOfEitherTypeDecidesAndOxygenWinsATie() {
        let stoppedFlow = [
            F.reading(.supplementalOxygen, 1, ago: minutes(40)), F.reading(.inhaledOxygenFlow, 0, ago: minutes(10)),
        ]
        #expect(NEWS2Observations(latestOf: stoppedFlow, at: F.now).oxygen == .air)
        let started = [
            F.reading(.supplementalOxygen, 0, ago: minutes(40)), F.reading(.inhaledOxygenFlow, 3, ago: minutes(10)),
        ]
        #expect(NEWS2Observations(latestOf: started, at: F.now).oxygen == .oxygen)
        let tie = [
            F.reading(.supplementalOxygen, 1, ago: minutes(10)), F.reading(.inhaledOxygenFlow, 0, ago: minutes(10)),
        ]
        #expect(NEWS2Observations(latestOf: tie, at: F.now).oxygen == .oxygen)
    }

    @Test func ignoresConsciousnessValuesThatAreNotACVPULevels() {
        let readings = [
            F.reading(.consciousness, Consciousness.pain.ordinal, ago: minutes(20)),
            F.reading(.consciousness, 7, ago: minutes(1)),
        ]
        #expect(NEWS2Observations(latestOf: readings, at: F.now).consciousness == .pain)
    }

    @Test func scoresAPatientsReadingsOnTheirScale() {
        let readings = [
            F.reading(.respiratoryRate, 18, ago: minutes(3)), F.reading(.spo2, 95, ago: minutes(3)),
            F.reading(.inhaledOxygenFlow, 2, ago: minutes(3)), F.reading(.systolic, 130, ago: minutes(3)),
            F.reading(.heartRate, 80, ago: minutes(3)), F.reading(.bodyTemperature, 37, ago: minutes(3)),
        ]
        let patient = Patient(displayName: "Test", news2Scale: .scale2)
        let score = NEWS2Calculator(patient: patient).score(latestOf: readings, at: F.now)
        #expect(score.total == 4)
        #expect(score.subScores[.oxygenSaturation] == 2)
        #expect(score.assumed == [.consciousness])
        #expect(!score.isPartial)
    }
}
