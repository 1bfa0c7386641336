import VigilCore

/// Generates NEWS2 observation sets from a seed, exactly as
/// `Benchmarks/news2-baseline/news2.py` does, so both score the same sets.
///
/// Each set takes thirteen draws from `SplitMix64`, in this order; `below(n)`
/// is the next 64 bits modulo `n`, and a value is drawn even when its parameter
/// turns out missing:
///
/// 1. scale: 2 when `below(5) == 0`, else 1
/// 2–3. respiration rate: missing when `below(100) < 3`; `(8 + below(73)) / 2` (4.0 … 40.0 by 0.5)
/// 4–5. SpO2: missing when `below(100) < 3`; `(160 + below(41)) / 2` (80.0 … 100.0 by 0.5)
/// 6. oxygen: `below(10)` 0–1 → oxygen, 2 → missing, else air
/// 7–8. systolic: missing when `below(100) < 3`; `(140 + below(361)) / 2` (70.0 … 250.0 by 0.5)
/// 9–10. pulse: missing when `below(100) < 3`; `(60 + below(301)) / 2` (30.0 … 180.0 by 0.5)
/// 11. consciousness: `below(20)` 0 → missing, 1 → C, 2 → V, 3 → P, 4 → U, else A
/// 12–13. temperature: missing when `below(100) < 3`; `(3300 + below(901)) / 100` (33.00 … 42.00 by 0.01)
///
/// Every division is one IEEE 754 double division, so both languages get the
/// same values bit for bit.
public struct NEWS2SampleGenerator: Sendable, IteratorProtocol, Sequence {
    private var random: SplitMix64

    /// The seed the benchmarks use unless told otherwise.
    public static let defaultSeed: UInt64 = 2026

    /// A generator whose sets are determined by `seed`.
    public init(seed: UInt64 = defaultSeed) { random = SplitMix64(seed: seed) }

    /// The next set; never `nil`.
    public mutating func next() -> NEWS2Sample? { nextSample() }

    /// The next set.
    public mutating func nextSample() -> NEWS2Sample {
        let scale: NEWS2Scale = random.next(below: 5) == 0 ? .scale2 : .scale1
        let respirationRate = measured(offset: 8, range: 73, divisor: 2)
        let oxygenSaturation = measured(offset: 160, range: 41, divisor: 2)
        let oxygenDraw = random.next(below: 10)
        let oxygen: OxygenStatus? = oxygenDraw < 2 ? .oxygen : oxygenDraw == 2 ? nil : .air
        let systolic = measured(offset: 140, range: 361, divisor: 2)
        let pulse = measured(offset: 60, range: 301, divisor: 2)
        let consciousnessDraw = random.next(below: 20)
        let consciousness: Consciousness? =
            switch consciousnessDraw {
            case 0: nil
            case 1: .confusion
            case 2: .voice
            case 3: .pain
            case 4: .unresponsive
            default: .alert
            }
        let temperature = measured(offset: 3300, range: 901, divisor: 100)
        return NEWS2Sample(
            scale: scale,
            observations: NEWS2Observations(
                respirationRate: respirationRate, oxygenSaturation: oxygenSaturation, oxygen: oxygen,
                systolicBloodPressure: systolic, pulse: pulse, consciousness: consciousness, temperature: temperature))
    }

    /// Two draws: missing when the first is below 3 of 100; else `(offset + second) / divisor`.
    private mutating func measured(offset: UInt64, range: UInt64, divisor: Double) -> Double? {
        let isMissing = random.next(below: 100) < 3
        let value = Double(offset + random.next(below: range)) / divisor
        return isMissing ? nil : value
    }
}
