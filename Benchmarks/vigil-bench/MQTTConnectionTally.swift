/// What one load-generator connection counted during a run.
struct MQTTConnectionTally: Sendable {
    /// QoS 1 publishes sent.
    var published = 0
    /// PUBACKs received, also those after the run's end.
    var acknowledged = 0
    /// PUBACKs received between the run's start and end: what the rate counts.
    var acknowledgedInRun = 0
    /// Each PUBACK's latency in microseconds: from when its publish was sent
    /// (paced: when it fell due) to when the PUBACK was read.
    var latencies: [UInt32] = []
}
