import Testing
import VigilAnalytics
import VigilCore

/// Both sides of every band edge of the NEWS2 chart, on both SpO2 scales.
struct NEWS2BandEdgeTests {
    /// One band edge: the last value of the lower band and the first of the upper, with their sub-scores.
    struct Edge: Sendable, CustomTestStringConvertible {
        let parameter: NEWS2Parameter
        let scale: NEWS2Scale
        let oxygen: OxygenStatus
        let below: Double
        let belowScore: Int
        let above: Double
        let aboveScore: Int

        init(
            _ parameter: NEWS2Parameter, _ below: Double, _ belowScore: Int, _ above: Double, _ aboveScore: Int,
            scale: NEWS2Scale = .scale1, oxygen: OxygenStatus = .air
        ) {
            self.parameter = parameter
            self.scale = scale
            self.oxygen = oxygen
            self.below = below
            self.belowScore = belowScore
            self.above = above
            self.aboveScore = aboveScore
        }

        var testDescription: String {
            "\(parameter.rawValue) scale \(scale.rawValue) on \(oxygen.rawValue): \(below) | \(above)"
        }
    }

    static let edges: [Edge] = [
        // Respiration rate: ≤ 8 → 3, 9–11 → 1, 12–20 → 0, 21–24 → 2, ≥ 25 → 3.
        Edge(.respirationRate, 8, 3, 9, 1),
        Edge(.respirationRate, 11, 1, 12, 0),
        Edge(.respirationRate, 20, 0, 21, 2),
        Edge(.respirationRate, 24, 2, 25, 3),
        // SpO2 scale 1: ≤ 91 → 3, 92–93 → 2, 94–95 → 1, ≥ 96 → 0; the same on oxygen.
        Edge(.oxygenSaturation, 91, 3, 92, 2),
        Edge(.oxygenSaturation, 93, 2, 94, 1),
        Edge(.oxygenSaturation, 95, 1, 96, 0),
        Edge(.oxygenSaturation, 91, 3, 92, 2, oxygen: .oxygen),
        Edge(.oxygenSaturation, 93, 2, 94, 1, oxygen: .oxygen),
        Edge(.oxygenSaturation, 95, 1, 96, 0, oxygen: .oxygen),
        // SpO2 scale 2 on air: ≤ 83 → 3, 84–85 → 2, 86–87 → 1, ≥ 88 → 0.
        Edge(.oxygenSaturation, 83, 3, 84, 2, scale: .scale2),
        Edge(.oxygenSaturation, 85, 2, 86, 1, scale: .scale2),
        Edge(.oxygenSaturation, 87, 1, 88, 0, scale: .scale2),
        Edge(.oxygenSaturation, 92, 0, 93, 0, scale: .scale2),
        Edge(.oxygenSaturation, 94, 0, 95, 0, scale: .scale2),
        Edge(.oxygenSaturation, 96, 0, 97, 0, scale: .scale2),
        // SpO2 scale 2 on oxygen: … 88–92 → 0, 93–94 → 1, 95–96 → 2, ≥ 97 → 3.
        Edge(.oxygenSaturation, 83, 3, 84, 2, scale: .scale2, oxygen: .oxygen),
        Edge(.oxygenSaturation, 85, 2, 86, 1, scale: .scale2, oxygen: .oxygen),
        Edge(.oxygenSaturation, 87, 1, 88, 0, scale: .scale2, oxygen: .oxygen),
        Edge(.oxygenSaturation, 92, 0, 93, 1, scale: .scale2, oxygen: .oxygen),
        Edge(.oxygenSaturation, 94, 1, 95, 2, scale: .scale2, oxygen: .oxygen),
        Edge(.oxygenSaturation, 96, 2, 97, 3, scale: .scale2, oxygen: .oxygen),
        // Systolic: ≤ 90 → 3, 91–100 → 2, 101–110 → 1, 111–219 → 0, ≥ 220 → 3.
        Edge(.systolicBloodPressure, 90, 3, 91, 2),
        Edge(.systolicBloodPressure, 100, 2, 101, 1),
        Edge(.systolicBloodPressure, 110, 1, 111, 0),
        Edge(.systolicBloodPressure, 219, 0, 220, 3),
        // Pulse: ≤ 40 → 3, 41–50 → 1, 51–90 → 0, 91–110 → 1, 111–130 → 2, ≥ 131 → 3.
        Edge(.pulse, 40, 3, 41, 1),
        Edge(.pulse, 50, 1, 51, 0),
        Edge(.pulse, 90, 0, 91, 1),
        Edge(.pulse, 110, 1, 111, 2),
        Edge(.pulse, 130, 2, 131, 3),
        // Temperature: ≤ 35.0 → 3, 35.1–36.0 → 1, 36.1–38.0 → 0, 38.1–39.0 → 1, ≥ 39.1 → 2.
        Edge(.temperature, 35.0, 3, 35.1, 1),
        Edge(.temperature, 36.0, 1, 36.1, 0),
        Edge(.temperature, 38.0, 0, 38.1, 1),
        Edge(.temperature, 39.0, 1, 39.1, 2),
    ]

    @Test(arguments: edges)
    func scoresBothSidesOfEveryBandEdge(_ edge: Edge) {
        let calculator = NEWS2Calculator(scale: edge.scale)
        #expect(calculator.subScore(edge.parameter, edge.below, oxygen: edge.oxygen) == edge.belowScore)
        #expect(calculator.subScore(edge.parameter, edge.above, oxygen: edge.oxygen) == edge.aboveScore)
    }

    @Test(arguments: edges.filter { $0.parameter != .oxygenSaturation })
    func scaleTwoAndOxygenDoNotChangeOtherParameters(_ edge: Edge) {
        let calculator = NEWS2Calculator(scale: .scale2)
        #expect(calculator.subScore(edge.parameter, edge.below, oxygen: .oxygen) == edge.belowScore)
        #expect(calculator.subScore(edge.parameter, edge.above, oxygen: .oxygen) == edge.aboveScore)
    }

    @Test func scoresTheEndsOfThePlausibleRanges() {
        let calculator = NEWS2Calculator()
        #expect(calculator.subScore(.respirationRate, 2) == 3)
        #expect(calculator.subScore(.respirationRate, 80) == 3)
        #expect(calculator.subScore(.oxygenSaturation, 50) == 3)
        #expect(calculator.subScore(.oxygenSaturation, 100) == 0)
        #expect(calculator.subScore(.systolicBloodPressure, 40) == 3)
        #expect(calculator.subScore(.systolicBloodPressure, 300) == 3)
        #expect(calculator.subScore(.pulse, 20) == 3)
        #expect(calculator.subScore(.pulse, 300) == 3)
        #expect(calculator.subScore(.temperature, 25) == 3)
        #expect(calculator.subScore(.temperature, 45) == 2)
        #expect(NEWS2Calculator(scale: .scale2).subScore(.oxygenSaturation, 100, oxygen: .oxygen) == 3)
        #expect(NEWS2Calculator(scale: .scale2).subScore(.oxygenSaturation, 100, oxygen: .air) == 0)
        #expect(NEWS2Calculator(scale: .scale2).subScore(.oxygenSaturation, 50, oxygen: .air) == 3)
    }

    @Test(arguments: Consciousness.allCases)
    func scoresAlertZeroAndAnyOtherLevelThree(_ level: Consciousness) {
        let score = NEWS2Calculator().score(NEWS2Observations(consciousness: level))
        #expect(score.subScores[.consciousness] == (level == .alert ? 0 : 3))
        #expect(score.total == (level == .alert ? 0 : 3))
    }

    @Test func scoresAirZeroAndOxygenTwoOnBothScales() {
        for scale in NEWS2Scale.allCases {
            let calculator = NEWS2Calculator(scale: scale)
            #expect(calculator.score(NEWS2Observations(oxygen: .air)).subScores[.supplementalOxygen] == 0)
            #expect(calculator.score(NEWS2Observations(oxygen: .oxygen)).subScores[.supplementalOxygen] == 2)
            #expect(calculator.score(NEWS2Observations(oxygen: .oxygen)).total == 2)
        }
    }

    @Test func chartFunctionsAgreeWithTheCalculator() {
        #expect(NEWS2Chart.respirationRateScore(25) == 3)
        #expect(NEWS2Chart.oxygenSaturationScore(95, scale: .scale2, oxygen: .oxygen) == 2)
        #expect(NEWS2Chart.oxygenSaturationScore(95, scale: .scale2, oxygen: .air) == 0)
        #expect(NEWS2Chart.supplementalOxygenScore(.oxygen) == 2)
        #expect(NEWS2Chart.systolicScore(220) == 3)
        #expect(NEWS2Chart.pulseScore(131) == 3)
        #expect(NEWS2Chart.consciousnessScore(.voice) == 3)
        #expect(NEWS2Chart.temperatureScore(39.1) == 2)
    }
}
