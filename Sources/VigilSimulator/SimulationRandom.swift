import Foundation
import VigilAnalytics

/// Random numbers for one measurement slot of one device, derived from the
/// simulation seed, the device and the slot alone: the same seed gives the
/// same readings however a run is split into windows.
struct SimulationRandom: RandomNumberGenerator {
    private var generator: SplitMix64

    /// The generator of `slot` (a measurement time) of device `device` under `seed`.
    init(seed: UInt64, device: Int, slot: Int64, stream: UInt64 = 0) {
        var mixer = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: device) &* 0x9E37_79B9_7F4A_7C15))
        let base = mixer.next() ^ (UInt64(bitPattern: slot) &* 0xBF58_476D_1CE4_E5B9) ^ (stream &* 0x94D0_49BB_1331_11EB)
        generator = SplitMix64(seed: base)
    }

    mutating func next() -> UInt64 { generator.next() }

    /// A number in 0..<1.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A normally distributed number (Box–Muller).
    mutating func normal(mean: Double = 0, deviation: Double) -> Double {
        let u1 = max(unit(), .leastNonzeroMagnitude)
        let u2 = unit()
        return mean + deviation * (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * .pi * u2)
    }
}
