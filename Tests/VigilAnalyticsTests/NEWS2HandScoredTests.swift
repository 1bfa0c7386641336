import Testing
import VigilAnalytics
import VigilCore

/// Full observation sets scored by hand from the RCP NEWS2 chart. The expected
/// sub-scores, totals and risk levels below were worked out on paper, not by
/// the code under test.
struct NEWS2HandScoredTests {
    /// One observation set and its hand-worked score.
    struct Row: Sendable, CustomTestStringConvertible {
        let number: Int
        let scale: NEWS2Scale
        let observations: NEWS2Observations
        /// Respiration, SpO2, air/oxygen, systolic, pulse, consciousness, temperature.
        let subScores: [Int]
        let total: Int
        let risk: NEWS2RiskLevel

        var testDescription: String { "set \(number) (scale \(scale.rawValue)): total \(total)" }
    }

    static let a = Consciousness.alert

    // swift-format-ignore
    static let rows: [Row] = [
        // #     scale    RR     SpO2   O2        SBP     pulse   ACVPU           temp    sub-scores              sum  risk
        row(1,   .scale1, 16,    98,    .air,     125,    72,     a,              36.8,   [0, 0, 0, 0, 0, 0, 0],  0,   .none),
        row(2,   .scale1, 22,    95,    .air,     130,    95,     a,              37.5,   [2, 1, 0, 0, 1, 0, 0],  4,   .low),
        row(3,   .scale1, 26,    90,    .oxygen,  88,     135,    .voice,         39.5,   [3, 3, 2, 3, 3, 3, 2],  19,  .high),
        row(4,   .scale1, 8,     97,    .air,     140,    60,     a,              36.5,   [3, 0, 0, 0, 0, 0, 0],  3,   .lowMedium),
        row(5,   .scale1, 18,    93,    .air,     112,    88,     a,              38.2,   [0, 2, 0, 0, 0, 0, 1],  3,   .low),
        row(6,   .scale1, 12,    96,    .oxygen,  105,    52,     a,              36.1,   [0, 0, 2, 1, 0, 0, 0],  3,   .low),
        row(7,   .scale1, 20,    94,    .oxygen,  100,    110,    a,              38.0,   [0, 1, 2, 2, 1, 0, 0],  6,   .medium),
        row(8,   .scale1, 24,    92,    .air,     111,    130,    a,              39.0,   [2, 2, 0, 0, 2, 0, 1],  7,   .high),
        row(9,   .scale1, 9,     99,    .air,     219,    41,     a,              35.1,   [1, 0, 0, 0, 1, 0, 1],  3,   .low),
        row(10,  .scale1, 11,    100,   .air,     220,    50,     a,              36.0,   [1, 0, 0, 3, 1, 0, 1],  6,   .medium),
        row(11,  .scale1, 15,    97,    .air,     120,    70,     .confusion,     37.0,   [0, 0, 0, 0, 0, 3, 0],  3,   .lowMedium),
        row(12,  .scale1, 15,    97,    .air,     120,    70,     a,              35.0,   [0, 0, 0, 0, 0, 0, 3],  3,   .lowMedium),
        row(13,  .scale1, 21,    91,    .air,     91,     91,     a,              38.1,   [2, 3, 0, 2, 1, 0, 1],  9,   .high),
        row(14,  .scale2, 18,    88,    .air,     130,    80,     a,              37.0,   [0, 0, 0, 0, 0, 0, 0],  0,   .none),
        row(15,  .scale2, 18,    95,    .air,     130,    80,     a,              37.0,   [0, 0, 0, 0, 0, 0, 0],  0,   .none),
        row(16,  .scale2, 18,    95,    .oxygen,  130,    80,     a,              37.0,   [0, 2, 2, 0, 0, 0, 0],  4,   .low),
        row(17,  .scale2, 22,    97,    .oxygen,  130,    80,     a,              37.0,   [2, 3, 2, 0, 0, 0, 0],  7,   .high),
        row(18,  .scale2, 16,    86,    .oxygen,  118,    102,    a,              37.2,   [0, 1, 2, 0, 1, 0, 0],  4,   .low),
        row(19,  .scale2, 25,    83,    .oxygen,  100,    115,    .pain,          36.0,   [3, 3, 2, 2, 2, 3, 1],  16,  .high),
        row(20,  .scale2, 14,    92,    .oxygen,  150,    64,     a,              36.4,   [0, 0, 2, 0, 0, 0, 0],  2,   .low),
        row(21,  .scale2, 14,    93,    .oxygen,  150,    64,     a,              36.4,   [0, 1, 2, 0, 0, 0, 0],  3,   .low),
        row(22,  .scale2, 10,    84,    .air,     108,    45,     a,              35.5,   [1, 2, 0, 1, 1, 0, 1],  6,   .medium),
        row(23,  .scale1, 30,    85,    .oxygen,  70,     150,    .unresponsive,  34.0,   [3, 3, 2, 3, 3, 3, 3],  20,  .high),
        row(24,  .scale2, 12,    94,    .air,     110,    51,     a,              39.1,   [0, 0, 0, 1, 0, 0, 2],  3,   .low),
        row(25,  .scale1, 17,    96,    .air,     101,    131,    a,              38.5,   [0, 0, 0, 1, 3, 0, 1],  5,   .medium),
        row(26,  .scale2, 23,    87,    .oxygen,  160,    40,     a,              36.9,   [2, 1, 2, 0, 3, 0, 0],  8,   .high),
        row(27,  .scale1, 13,    95,    .air,     99,     58,     a,              36.6,   [0, 1, 0, 2, 0, 0, 0],  3,   .low),
        row(28,  .scale2, 19,    96,    .oxygen,  180,    120,    a,              37.8,   [0, 2, 2, 0, 2, 0, 0],  6,   .medium),
        // Between bands: 20.5 → 21, 95.5 → 96, 90.5 → 91, 90.5 → 91, 38.05 → 38.1.
        row(29,  .scale1, 20.5,  95.5,  .air,     90.5,   90.5,   a,              38.05,  [2, 0, 0, 2, 1, 0, 1],  6,   .medium),
    ]

    static func row(
        _ number: Int, _ scale: NEWS2Scale, _ rr: Double, _ spo2: Double, _ oxygen: OxygenStatus, _ sbp: Double,
        _ pulse: Double, _ consciousness: Consciousness, _ temperature: Double, _ subScores: [Int], _ total: Int,
        _ risk: NEWS2RiskLevel
    ) -> Row {
        Row(
            number: number, scale: scale,
            observations: NEWS2Observations(
                respirationRate: rr, oxygenSaturation: spo2, oxygen: oxygen, systolicBloodPressure: sbp, pulse: pulse,
                consciousness: consciousness, temperature: temperature),
            subScores: subScores, total: total, risk: risk)
    }

    @Test func tableHasAtLeastTwentySetsWithConsistentHandWork() {
        #expect(Self.rows.count >= 20)
        for row in Self.rows {
            #expect(row.subScores.count == 7)
            #expect(row.subScores.reduce(0, +) == row.total, "set \(row.number): sub-scores do not add up")
        }
    }

    @Test(arguments: rows)
    func scoresFullObservationSetsAsWorkedOutByHand(_ row: Row) {
        let score = NEWS2Calculator(scale: row.scale).score(row.observations)
        let expected = NEWS2SubScores(
            respirationRate: row.subScores[0], oxygenSaturation: row.subScores[1], supplementalOxygen: row.subScores[2],
            systolicBloodPressure: row.subScores[3], pulse: row.subScores[4], consciousness: row.subScores[5],
            temperature: row.subScores[6])
        #expect(score.subScores == expected)
        #expect(score.total == row.total)
        #expect(score.riskLevel == row.risk)
        #expect(!score.isPartial)
        #expect(score.missing.isEmpty)
        #expect(score.assumed.isEmpty)
        #expect(score.scale == row.scale)
    }
}
