import NIOCore

/// When one load-generator connection publishes during a run.
struct MQTTLoadSchedule: Sendable {
    /// How publishes follow one another.
    enum Pace: Sendable {
        /// As fast as PUBACKs come (``window`` awaiting PUBACK at any time),
        /// but at most `ceiling` per second, through a token bucket holding ``window``.
        case maximum(ceiling: Double)
        /// One publish every `interval`, the first at ``start`` + `offset`:
        /// open loop, on a fixed schedule whatever the answers. A publish that
        /// falls due while ``window`` are outstanding waits for a PUBACK, and
        /// its latency still counts from when it fell due.
        case paced(interval: TimeAmount, offset: TimeAmount)
    }

    /// When the first publish may go out.
    var start: NIODeadline
    /// No publish starts or falls due from then on; those outstanding are still awaited.
    var end: NIODeadline
    /// The most publishes awaiting PUBACK at once.
    var window: Int
    /// How publishes follow one another.
    var pace: Pace
    /// How long after ``end`` outstanding PUBACKs are awaited before the run fails.
    var drainTimeout: TimeAmount = .seconds(60)
}
