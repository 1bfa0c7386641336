/// Percentiles of a set of latencies, in milliseconds.
struct LatencyDistribution: Codable, Sendable {
    var count: Int
    var p50: Double
    var p90: Double
    var p99: Double
    var p999: Double
    var max: Double

    /// The distribution of `samples` (milliseconds); all zero when there are none.
    init(milliseconds samples: [Double]) {
        let sorted = samples.sorted()
        func percentile(_ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            // Nearest rank: the smallest sample with at least `fraction` of them at or below it.
            let rank = Int((fraction * Double(sorted.count)).rounded(.up))
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
        }
        count = sorted.count
        p50 = percentile(0.50)
        p90 = percentile(0.90)
        p99 = percentile(0.99)
        p999 = percentile(0.999)
        max = sorted.last ?? 0
    }

    /// "p50 …, p90 …, p99 …, p99.9 …, max …".
    var summary: String {
        [("p50", p50), ("p90", p90), ("p99", p99), ("p99.9", p999), ("max", max)]
            .map { "\($0.0) \(Format.fixed($0.1, decimals: $0.1 < 10 ? 2 : 1)) ms" }
            .joined(separator: ", ")
    }
}

extension Duration {
    /// The duration in milliseconds.
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
