import Testing
import VigilAnalytics
import VigilCore

/// The benchmark generator and checksum agree with `Benchmarks/news2-baseline/news2.py`.
struct NEWS2SampleGeneratorTests {
    /// `python3 news2.py --dump 5` (seed 2026) prints these sets and scores.
    @Test func firstSetsMatchThePythonGenerator() {
        var generator = NEWS2SampleGenerator(seed: 2026)
        let expected: [(NEWS2Sample, total: Int, risk: NEWS2RiskLevel)] = [
            (sample(.scale1, nil, 90.0, .air, 171.5, 54.0, .alert, nil), 3, .lowMedium),
            (sample(.scale1, 10.0, 89.5, .air, 70.0, 143.5, .alert, 38.41), 11, .high),
            (sample(.scale2, nil, 91.0, .oxygen, 246.0, 149.0, .voice, 40.0), 13, .high),
            (sample(.scale1, 17.5, 93.0, .oxygen, 147.0, 68.0, .alert, 35.66), 5, .medium),
            (sample(.scale1, 33.5, nil, .air, 109.0, 153.0, .pain, 39.0), 11, .high),
        ]
        for (sample, total, risk) in expected {
            let generated = generator.nextSample()
            #expect(generated == sample)
            let score = NEWS2Calculator(scale: generated.scale).score(generated.observations)
            #expect(score.total == total)
            #expect(score.riskLevel == risk)
        }
    }

    /// `python3 news2.py --count 10000` prints checksum 0x2e411cf5c6b3c008,
    /// sum of totals 88088, partial 1450.
    @Test func checksumOfTenThousandSetsMatchesThePythonBaseline() {
        var checksum = NEWS2Checksum()
        let calculators = [NEWS2Calculator(scale: .scale1), NEWS2Calculator(scale: .scale2)]
        for sample in NEWS2SampleGenerator(seed: 2026).prefix(10_000) {
            checksum.add(calculators[sample.scale.rawValue - 1].score(sample.observations))
        }
        #expect(checksum.count == 10_000)
        #expect(checksum.hexValue == "0x2e411cf5c6b3c008")
        #expect(checksum.totalSum == 88_088)
        #expect(checksum.partialCount == 1_450)
    }

    @Test func splitMix64MatchesTheReferenceSequence() {
        // SplitMix64 seeded with 0 (reference values from Vigna's splitmix64.c).
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }

    private func sample(
        _ scale: NEWS2Scale, _ rr: Double?, _ spo2: Double?, _ oxygen: OxygenStatus?, _ sbp: Double?, _ pulse: Double?,
        _ consciousness: Consciousness?, _ temperature: Double?
    ) -> NEWS2Sample {
        NEWS2Sample(
            scale: scale,
            observations: NEWS2Observations(
                respirationRate: rr, oxygenSaturation: spo2, oxygen: oxygen, systolicBloodPressure: sbp, pulse: pulse,
                consciousness: consciousness, temperature: temperature))
    }
}
