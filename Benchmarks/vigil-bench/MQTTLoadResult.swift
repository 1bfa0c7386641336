/// The figures of one load-generator run against one broker.
struct MQTTLoadResult: Codable, Sendable {
    /// Connections, one per device.
    var connections: Int
    /// The most publishes awaiting PUBACK per connection.
    var window: Int
    /// The run's length, from the first publish to the end, in seconds.
    var durationSeconds: Double
    /// The aimed-at rate of a paced run, in messages per second; nil at the maximum.
    var targetRate: Double?
    /// QoS 1 publishes sent.
    var published: Int
    /// PUBACKs received, also those awaited after the end.
    var acknowledged: Int
    /// PUBACKs received during the run: what ``rate`` counts.
    var acknowledgedInRun: Int
    /// Publish → PUBACK latency over every PUBACK, in microseconds.
    var latency: WrkResult.Latency
    /// The load generator's CPU time during the run ÷ its length: cores busy on average.
    var generatorCores: Double
    /// The broker's CPU time during the run ÷ its length.
    var brokerCores: Double
    /// Milliseconds since 1970 just before the run was scheduled.
    var startedAt: Int64
    /// Milliseconds since 1970 once every publish was acknowledged.
    var endedAt: Int64

    /// PUBACKs per second during the run.
    var rate: Double { Double(acknowledgedInRun) / max(durationSeconds, .leastNonzeroMagnitude) }

    /// `p50 1.23 ms, p99 …, p99.9 …`.
    var latencySummary: String {
        "p50 \(WrkResult.milliseconds(latency.p50)), p99 \(WrkResult.milliseconds(latency.p99)), "
            + "p99.9 \(WrkResult.milliseconds(latency.p999))"
    }
}
