/// The figures of one `wrk` run, as the generated script's `done` hook prints them.
struct WrkResult: Codable, Sendable {
    /// Latency percentiles from wrk's histogram, in microseconds.
    struct Latency: Codable, Sendable {
        var p50: Int
        var p90: Int
        var p99: Int
        var p999: Int
        var mean: Double
        var max: Int
    }

    /// How long wrk ran, in seconds.
    var durationSeconds: Double
    /// Completed requests (with any answer).
    var requests: Int
    /// Requests answered 204.
    var acknowledged: Int
    /// Requests answered with anything but 204.
    var otherStatuses: Int
    /// Socket errors and timeouts, as wrk counts them.
    var connectErrors: Int
    var readErrors: Int
    var writeErrors: Int
    /// Answers with a status of 400 or more (also in ``otherStatuses``).
    var statusErrors: Int
    var timeouts: Int
    /// Request latency: from writing the request to reading the whole answer.
    var latency: Latency
    /// The `wrk` pacing delay per request per connection, in milliseconds, if paced.
    var delayMilliseconds: Double?

    /// Acknowledged requests per second.
    var acknowledgedPerSecond: Double { Double(acknowledged) / max(durationSeconds, .leastNonzeroMagnitude) }

    /// Socket errors and timeouts together.
    var socketErrors: Int { connectErrors + readErrors + writeErrors + timeouts }

    /// `p50 1.23 ms, p90 …, p99 …, p99.9 …`.
    var latencySummary: String { latency.summary }

    /// Microseconds as milliseconds with two decimals below 10 ms, one above: `1.23 ms`, `45.6 ms`.
    static func milliseconds(_ microseconds: Int) -> String {
        let value = Double(microseconds) / 1000
        return "\(Format.fixed(value, decimals: value < 10 ? 2 : 1)) ms"
    }
}

extension WrkResult.Latency {
    /// Nearest-rank percentiles (the smallest sample with at least that share
    /// of the samples at or below it) of `samples`, in microseconds; all zero
    /// when there are none.
    init(microseconds samples: [Int]) {
        let sorted = samples.sorted()
        guard let largest = sorted.last else {
            self.init(p50: 0, p90: 0, p99: 0, p999: 0, mean: 0, max: 0)
            return
        }
        func percentile(_ fraction: Double) -> Int { Self.nearestRank(fraction, of: sorted) }
        self.init(
            p50: percentile(0.5), p90: percentile(0.9), p99: percentile(0.99), p999: percentile(0.999),
            mean: Double(sorted.reduce(0, +)) / Double(sorted.count), max: largest)
    }

    /// The nearest-rank percentile `fraction` (0…1) of non-empty ascending `sorted` samples.
    static func nearestRank(_ fraction: Double, of sorted: [Int]) -> Int {
        sorted[Swift.min(sorted.count - 1, Swift.max(0, Int((Double(sorted.count) * fraction).rounded(.up)) - 1))]
    }

    /// `p50 1.23 ms, p90 …, p99 …, p99.9 …`.
    var summary: String {
        "p50 \(WrkResult.milliseconds(p50)), p90 \(WrkResult.milliseconds(p90)), "
            + "p99 \(WrkResult.milliseconds(p99)), p99.9 \(WrkResult.milliseconds(p999))"
    }
}
