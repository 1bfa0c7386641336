/// Finds the `wrk` delay per request that gives each connection a target
/// cycle (delay plus latency plus wrk's overhead), from measured runs.
///
/// The cycle grows with the delay, but not one for one: latency falls as the
/// load does, and wrk's timers round to whole milliseconds. After one run the
/// rest of the cycle is taken as fixed; after two, the line through the last
/// two runs is followed (a secant step).
struct Pacing: Sendable {
    /// The cycle to reach, in milliseconds.
    let targetCycle: Double
    /// The delay to use next, in milliseconds; never negative.
    private(set) var delay: Double
    private var measured: [(delay: Double, cycle: Double)] = []

    /// Pacing towards `targetCycle`, starting with `firstDelay`.
    init(targetCycle: Double, firstDelay: Double) {
        self.targetCycle = targetCycle
        delay = max(0, firstDelay)
    }

    /// Records the cycle a run with ``delay`` achieved and picks the next delay.
    mutating func record(cycle: Double) {
        measured.append((delay, cycle))
        var next = delay + (targetCycle - cycle)
        if measured.count >= 2 {
            let (earlier, last) = (measured[measured.count - 2], measured[measured.count - 1])
            let slope = (last.cycle - earlier.cycle) / (last.delay - earlier.delay)
            if abs(last.delay - earlier.delay) > 0.05, slope.isFinite, slope > 0.2 {
                next = last.delay + (targetCycle - last.cycle) / slope
            }
        }
        delay = max(0, next)
    }
}
