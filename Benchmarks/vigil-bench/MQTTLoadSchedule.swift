import NIOCore

/// When one load-generator connection publishes during a run.
///
/// At the maximum (no ``interval``) a connection keeps ``window`` QoS 1
/// publishes awaiting PUBACK from ``start`` to ``end``. Paced, it publishes
/// once every ``interval`` (open loop: on a fixed schedule, whatever the
/// answers), first at ``start`` + ``offset``; a publish that falls due while
/// ``window`` are outstanding waits for a PUBACK, and its latency still
/// counts from when it fell due.
struct MQTTLoadSchedule: Sendable {
    /// When the first publish may go out.
    var start: NIODeadline
    /// No publish falls due from then on; those outstanding are still awaited.
    var end: NIODeadline
    /// The most publishes awaiting PUBACK at once.
    var window: Int
    /// The time between one connection's publishes; nil for as fast as PUBACKs come.
    var interval: TimeAmount?
    /// The delay of the first paced publish after ``start``, to spread connections over an interval.
    var offset: TimeAmount = .zero
    /// How long after ``end`` outstanding PUBACKs are awaited before the run fails.
    var drainTimeout: TimeAmount = .seconds(60)
}
