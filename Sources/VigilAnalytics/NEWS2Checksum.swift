/// A checksum of a sequence of NEWS2 scores, computed identically by
/// `Benchmarks/news2-baseline/news2.py`, so two implementations scoring the
/// same sets can be compared exactly.
///
/// 64-bit FNV-1a over one value per score, in order: `total × 8 + risk rank`
/// (none 0, low 1, lowMedium 2, medium 3, high 4). Also keeps the sum of the
/// totals and how many scores were partial.
public struct NEWS2Checksum: Sendable, Hashable {
    /// The FNV-1a state; starts at the FNV offset basis.
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325
    /// The sum of the totals added.
    public private(set) var totalSum = 0
    /// How many partial scores were added.
    public private(set) var partialCount = 0
    /// How many scores were added.
    public private(set) var count = 0

    /// An empty checksum.
    public init() {}

    /// Folds one score in.
    public mutating func add(_ score: NEWS2Score) {
        value = (value ^ UInt64(score.total * 8 + score.riskLevel.rank)) &* 0x0000_0100_0000_01B3
        totalSum += score.total
        partialCount += score.isPartial ? 1 : 0
        count += 1
    }

    /// `value` as `0x` and sixteen lowercase hexadecimal digits, as news2.py prints it.
    public var hexValue: String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
    }
}
