/// A checksum of a sequence of NEWS2 scores, computed identically by
/// `Benchmarks/news2-baseline/news2.py`, so two implementations scoring the
/// same sets can be compared exactly.
///
/// 64-bit FNV-1a over one value per score, in order: `total × 8 + risk rank`
/// (none 0, low 1, lowMedium 2, medium 3, high 4). Also keeps the sum of the
/// totals and how many scores were partial.
public struct NEWS2Checksum: Sendable, Hashable {
    /// The FNV-1a state; starts at the FNV offset basis.
    public var value: UInt64 { state }
    /// The sum of the totals added.
    public var totalSum: Int { sum }
    /// How many partial scores were added.
    public var partialCount: Int { partials }
    /// How many scores were added.
    public var count: Int { scores }

    // The stored counterparts of the properties above: internal, not
    // `public private(set)`, so that the inlinable `add` may update them.
    @usableFromInline var state: UInt64 = 0xCBF2_9CE4_8422_2325
    @usableFromInline var sum = 0
    @usableFromInline var partials = 0
    @usableFromInline var scores = 0

    /// An empty checksum.
    public init() {}

    /// Folds one score in; inlinable, so that a caller scoring in a loop
    /// needs only the score's total, risk level and partiality.
    @inlinable
    public mutating func add(_ score: NEWS2Score) {
        state = (state ^ UInt64(score.total * 8 + score.riskLevel.rank)) &* 0x0000_0100_0000_01B3
        sum += score.total
        partials += score.isPartial ? 1 : 0
        scores += 1
    }

    /// `value` as `0x` and sixteen lowercase hexadecimal digits, as news2.py prints it.
    public var hexValue: String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
    }
}
