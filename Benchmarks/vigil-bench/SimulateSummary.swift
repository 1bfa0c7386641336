/// The summary `vigil simulate --json` prints at the end of a run, as far as
/// the simulator benchmark reads it.
struct SimulateSummary: Codable, Sendable, Equatable {
    /// Latency percentiles of acknowledged messages, in milliseconds.
    struct Latency: Codable, Sendable, Equatable {
        let p50: Double
        let p90: Double
        let p99: Double
        let max: Double
    }

    /// `https`, `mqtt`, or `none (dry run)`.
    let transport: String
    /// Devices the messages went round.
    let devices: Int
    /// Wall-clock seconds from the first message to the last answer.
    let seconds: Double
    /// Messages generated and handed to the transport.
    let sent: Int
    /// Messages answered 204 (or, in a dry run, accepted by the discarding sender).
    let acknowledged: Int
    /// Messages answered with a 4xx.
    let refused: Int
    /// Messages without an answer, or answered with a server error.
    let failed: Int
    /// Bad readings injected on purpose (Vigil quarantines them, acknowledging their messages).
    let injectedFaults: Int
    /// Valid readings in the messages sent.
    let readings: Int
    /// Acknowledged messages per second.
    let acknowledgedPerSecond: Double
    /// Send-to-acknowledgement latency; absent when nothing was acknowledged.
    let latencyMilliseconds: Latency?

    /// Valid readings per second of the run.
    var readingsPerSecond: Double { seconds > 0 ? Double(readings) / seconds : 0 }

    /// Valid readings per message, on average.
    var readingsPerMessage: Double { sent > 0 ? Double(readings) / Double(sent) : 0 }
}
