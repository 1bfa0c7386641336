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
    var latencySummary: String {
        "p50 \(Self.milliseconds(latency.p50)), p90 \(Self.milliseconds(latency.p90)), "
            + "p99 \(Self.milliseconds(latency.p99)), p99.9 \(Self.milliseconds(latency.p999))"
    }

    /// Microseconds as milliseconds with two decimals below 10 ms, one above: `1.23 ms`, `45.6 ms`.
    static func milliseconds(_ microseconds: Int) -> String {
        let value = Double(microseconds) / 1000
        return "\(Format.fixed(value, decimals: value < 10 ? 2 : 1)) ms"
    }
}
