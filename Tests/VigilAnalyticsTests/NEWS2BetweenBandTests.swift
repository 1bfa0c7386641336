import Testing
import VigilAnalytics
import VigilCore

/// The between-band rule at every edge: round to the chart's precision (0.1 °C
/// for temperature, whole numbers otherwise), halves away from zero, then look up.
struct NEWS2BetweenBandTests {
    /// A value between two printed bands and the sub-score the rule gives it.
    struct Case: Sendable, CustomTestStringConvertible {
        let parameter: NEWS2Parameter
        let value: Double
        let expected: Int
        let scale: NEWS2Scale
        let oxygen: OxygenStatus

        init(
            _ parameter: NEWS2Parameter, _ value: Double, _ expected: Int, scale: NEWS2Scale = .scale1,
            oxygen: OxygenStatus = .air
        ) {
            self.parameter = parameter
            self.value = value
            self.expected = expected
            self.scale = scale
            self.oxygen = oxygen
        }

        var testDescription: String {
            "\(parameter.rawValue) \(value) scale \(scale.rawValue) on \(oxygen.rawValue) → \(expected)"
        }
    }

    static let cases: [Case] = [
        // Respiration rate edges 8|9, 11|12, 20|21, 24|25.
        Case(.respirationRate, 8.49, 3), Case(.respirationRate, 8.5, 1),
        Case(.respirationRate, 11.49, 1), Case(.respirationRate, 11.5, 0),
        Case(.respirationRate, 20.49, 0), Case(.respirationRate, 20.5, 2),
        Case(.respirationRate, 24.49, 2), Case(.respirationRate, 24.5, 3),
        // SpO2 scale 1 edges 91|92, 93|94, 95|96.
        Case(.oxygenSaturation, 91.49, 3), Case(.oxygenSaturation, 91.5, 2),
        Case(.oxygenSaturation, 93.49, 2), Case(.oxygenSaturation, 93.5, 1),
        Case(.oxygenSaturation, 95.49, 1), Case(.oxygenSaturation, 95.5, 0),
        // SpO2 scale 2 on air.
        Case(.oxygenSaturation, 83.49, 3, scale: .scale2), Case(.oxygenSaturation, 83.5, 2, scale: .scale2),
        Case(.oxygenSaturation, 85.49, 2, scale: .scale2), Case(.oxygenSaturation, 85.5, 1, scale: .scale2),
        Case(.oxygenSaturation, 87.49, 1, scale: .scale2), Case(.oxygenSaturation, 87.5, 0, scale: .scale2),
        Case(.oxygenSaturation, 92.5, 0, scale: .scale2), Case(.oxygenSaturation, 94.5, 0, scale: .scale2),
        Case(.oxygenSaturation, 96.5, 0, scale: .scale2),
        // SpO2 scale 2 on oxygen.
        Case(.oxygenSaturation, 83.49, 3, scale: .scale2, oxygen: .oxygen),
        Case(.oxygenSaturation, 83.5, 2, scale: .scale2, oxygen: .oxygen),
        Case(.oxygenSaturation, 85.49, 2, scale: .scale2, oxygen: .oxygen),
        Case(.oxygenSaturation, 85.5, 1, scale: .scale2, oxygen: .oxygen),
        Case(.oxygenSaturation, 87.49, 1, scale: .scale2, oxygen: .oxygen),
        Case(.oxygenSaturation, 87.5, 0, scale: .scale2, oxygen: .oxygen),
        Case(.oxygenSaturation, 92.49, 0, scale: .scale2, oxygen: .oxygen),
        Case(.oxygenSaturation, 92.5, 1, scale: .scale2, oxygen: .oxygen),
        Case(.oxygenSaturation, 94.49, 1, scale: .scale2, oxygen: .oxygen),
        Case(.oxygenSaturation, 94.5, 2, scale: .scale2, oxygen: .oxygen),
        Case(.oxygenSaturation, 96.49, 2, scale: .scale2, oxygen: .oxygen),
        Case(.oxygenSaturation, 96.5, 3, scale: .scale2, oxygen: .oxygen),
        // Systolic edges 90|91, 100|101, 110|111, 219|220.
        Case(.systolicBloodPressure, 90.49, 3), Case(.systolicBloodPressure, 90.5, 2),
        Case(.systolicBloodPressure, 100.49, 2), Case(.systolicBloodPressure, 100.5, 1),
        Case(.systolicBloodPressure, 110.49, 1), Case(.systolicBloodPressure, 110.5, 0),
        Case(.systolicBloodPressure, 219.49, 0), Case(.systolicBloodPressure, 219.5, 3),
        // Pulse edges 40|41, 50|51, 90|91, 110|111, 130|131.
        Case(.pulse, 40.49, 3), Case(.pulse, 40.5, 1),
        Case(.pulse, 50.49, 1), Case(.pulse, 50.5, 0),
        Case(.pulse, 90.49, 0), Case(.pulse, 90.5, 1),
        Case(.pulse, 110.49, 1), Case(.pulse, 110.5, 2),
        Case(.pulse, 130.49, 2), Case(.pulse, 130.5, 3),
        // Temperature edges 35.0|35.1, 36.0|36.1, 38.0|38.1, 39.0|39.1.
        Case(.temperature, 35.04, 3), Case(.temperature, 35.05, 1),
        Case(.temperature, 36.04, 1), Case(.temperature, 36.05, 0),
        Case(.temperature, 38.04, 0), Case(.temperature, 38.05, 1),
        Case(.temperature, 39.04, 1), Case(.temperature, 39.05, 2),
        Case(.temperature, 35.049, 3), Case(.temperature, 38.0499, 0), Case(.temperature, 39.0501, 2),
    ]

    @Test(arguments: cases)
    func roundsToTheChartPrecisionHalfAwayFromZeroBeforeLookingUp(_ value: Case) {
        let calculator = NEWS2Calculator(scale: value.scale)
        #expect(calculator.subScore(value.parameter, value.value, oxygen: value.oxygen) == value.expected)
    }

    @Test func documentedExamplesHold() {
        let calculator = NEWS2Calculator()
        #expect(calculator.subScore(.temperature, 38.05) == 1)
        #expect(calculator.subScore(.oxygenSaturation, 95.5) == 0)
        #expect(calculator.subScore(.systolicBloodPressure, 90.5) == 2)
    }

    @Test func roundsToTheChartPrecision() {
        #expect(NEWS2Chart.rounded(38.05, for: .temperature) == 38.1)
        #expect(NEWS2Chart.rounded(38.04, for: .temperature) == 38.0)
        #expect(NEWS2Chart.rounded(95.5, for: .oxygenSaturation) == 96)
        #expect(NEWS2Chart.rounded(90.5, for: .systolicBloodPressure) == 91)
        #expect(NEWS2Chart.rounded(8.49, for: .respirationRate) == 8)
        #expect(NEWS2Chart.rounded(-2.5, for: .pulse) == -3)
    }

    @Test func wholeNumberRoundingAgreesWithTheStandardLibrary() {
        let values: [Double] = [
            0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 4_503_599_627_370_495.5,
            4_503_599_627_370_497, 2_251_799_813_685_248.5, -2_251_799_813_685_248.5, 1e300, -1e300, .infinity,
            -.infinity, .ulpOfOne, 89.99999999999999, 90.50000000000001, 2.4999999999999996, 0.5.nextUp, 1.5.nextDown,
            -1.5, -1.5.nextUp,
        ]
        var random = SplitMix64(seed: 7)
        let thousandths = (0..<10_000).map { _ in Double(random.next(below: 1_000_000)) / 1000 - 300 }
        let anywhere = (0..<10_000).map { _ in Double(random.next() >> 11) * 0x1p-53 * 1000 - 500 }
        for value in values + thousandths + anywhere {
            #expect(NEWS2Chart.rounded(value, for: .pulse) == value.rounded(.toNearestOrAwayFromZero), "\(value)")
        }
        #expect(NEWS2Chart.rounded(.nan, for: .pulse).isNaN)
    }

    /// Every temperature with two decimals from 25.00 to 45.00 rounds as the
    /// decimal value would, so binary representation never moves a band edge.
    @Test func temperatureRoundingMatchesDecimalRoundingForEveryHundredth() {
        for hundredths in 2_500...4_500 {
            let value = Double(hundredths) / 100
            let tenths = hundredths / 10 + (hundredths % 10 >= 5 ? 1 : 0)
            #expect(NEWS2Chart.rounded(value, for: .temperature) == Double(tenths) / 10, "\(value)")
        }
    }
}
