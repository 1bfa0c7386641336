import Foundation
import Testing
import VigilSimulator

/// Profiles move the way the clinical picture says.
struct PhysiologyTests {
    let start = SimulatedMessageValidityTests.start

    @Test func sepsisPatientDeterioratesAfterOnset() {
        var options = SimulationPlan.Options()
        options.deterioration = Deterioration(onset: start, duration: 3600)
        let plan = SimulationPlan(profiles: [.sepsis], options: options)
        let before = plan.vitals(ofPatient: 0, at: start.addingTimeInterval(-60))
        let after = plan.vitals(ofPatient: 0, at: start.addingTimeInterval(3600))
        #expect(after.heartRate > before.heartRate + 40)
        #expect(after.respiratoryRate >= 25)
        #expect(after.spo2 < before.spo2 - 5)
        #expect(after.systolic < before.systolic - 30)
        #expect(after.temperature > 38.5)
        #expect(after.consciousness == "C")
    }

    @Test func heartFailurePatientGainsWeight() {
        var options = SimulationPlan.Options()
        options.trendStart = start
        let plan = SimulationPlan(profiles: [.heartFailure], options: options)
        let gained = plan.vitals(ofPatient: 0, at: start.addingTimeInterval(5 * 86_400)).weight
            - plan.vitals(ofPatient: 0, at: start).weight
        #expect(gained > 1.5)
    }

    @Test func pulseIsLowerAtNight() {
        let plan = SimulationPlan(profiles: [.healthy])
        let night = plan.vitals(ofPatient: 0, at: start.addingTimeInterval(3 * 3600)).heartRate
        let day = plan.vitals(ofPatient: 0, at: start.addingTimeInterval(15 * 3600)).heartRate
        #expect(night < day - 4)
    }
}
