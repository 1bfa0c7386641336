import Foundation
import Testing
import VigilAnalytics

/// The allocation-free set of NEWS2 parameters used for `missing` and `assumed`.
struct NEWS2ParameterSetTests {
    @Test func iteratesInChartOrderWhateverTheInsertionOrder() {
        var set = NEWS2ParameterSet()
        for parameter in NEWS2Parameter.allCases.reversed() { set.insert(parameter) }
        #expect(Array(set) == NEWS2Parameter.allCases)
        #expect(set.count == 7)
        #expect(Array(NEWS2ParameterSet([.temperature, .respirationRate])) == [.respirationRate, .temperature])
    }

    @Test func answersMembership() {
        let set: NEWS2ParameterSet = [.pulse, .consciousness]
        #expect(set.contains(.pulse))
        #expect(!set.contains(.temperature))
        #expect(!set.isEmpty)
        #expect(NEWS2ParameterSet().isEmpty)
    }

    @Test func encodesAsAnArrayOfNames() throws {
        let set: NEWS2ParameterSet = [.temperature, .oxygenSaturation]
        let data = try JSONEncoder().encode(set)
        #expect(String(decoding: data, as: UTF8.self) == #"["oxygenSaturation","temperature"]"#)
        #expect(try JSONDecoder().decode(NEWS2ParameterSet.self, from: data) == set)
    }

    @Test func subScoresKnowTheirHighest() {
        #expect(NEWS2SubScores(respirationRate: 1, pulse: 3).highest == 3)
        #expect(NEWS2SubScores().highest == 0)
        #expect(NEWS2SubScores(temperature: 2)[.temperature] == 2)
        #expect(NEWS2SubScores(temperature: 2)[.pulse] == nil)
    }
}
