/// SplitMix64 (Steele, Lea and Flood, 2014): a small seeded generator whose
/// sequence is easy to reproduce in any language.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is determined by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 bits: add 0x9E3779B97F4A7C15 to the state, then mix it.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A number in `0..<bound`: the next 64 bits modulo `bound` (the tiny
    /// modulo bias is accepted so other languages reproduce it exactly).
    public mutating func next(below bound: UInt64) -> UInt64 { next() % bound }
}
