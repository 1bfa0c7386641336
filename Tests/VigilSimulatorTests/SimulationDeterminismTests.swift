import Foundation
import Testing
import VigilSimulator

/// The same seed gives the same messages however the run is cut into windows.
struct SimulationDeterminismTests {
    let start = SimulatedMessageValidityTests.start

    @Test func sameSeedSameMessagesWhateverTheWindows() {
        let plan = SimulatedMessageValidityTests.plan()
        let whole = plan.messages(from: start, to: start.addingTimeInterval(6 * 3600))
        var pieces: [SimulatedMessage] = []
        var cursor = start
        while cursor < start.addingTimeInterval(6 * 3600) {
            let next = cursor.addingTimeInterval(97)
            pieces += plan.messages(from: cursor, to: min(next, start.addingTimeInterval(6 * 3600)))
            cursor = next
        }
        #expect(whole.map(\.body) == pieces.map(\.body))
    }

    @Test func anotherSeedGivesOtherValues() {
        let one = SimulatedMessageValidityTests.plan(seed: 1).messages(from: start, to: start.addingTimeInterval(3600))
        let two = SimulatedMessageValidityTests.plan(seed: 2).messages(from: start, to: start.addingTimeInterval(3600))
        #expect(one.map(\.body) != two.map(\.body))
    }

    @Test func cuffMeasuresTwiceADayAndWearableEveryMinute() {
        var options = SimulationPlan.Options()
        options.missedDayProbability = 0
        let plan = SimulationPlan(profiles: [.sepsis], options: options)
        let day = plan.messages(from: start, to: start.addingTimeInterval(86_400))
        #expect(day.filter { $0.device.kind == .bloodPressureCuff }.count == 2)
        #expect(day.filter { $0.device.kind == .wearable }.count == 1440)
    }

    @Test func someScheduledDaysAreMissed() {
        var options = SimulationPlan.Options()
        options.missedDayProbability = 0.3
        let plan = SimulationPlan(profiles: [.hypertensive], options: options)
        let month = plan.messages(from: start, to: start.addingTimeInterval(30 * 86_400))
        let scaleDays = month.filter { $0.device.kind == .scale }.count
        #expect(scaleDays < 30 && scaleDays > 10)
    }
}
