import Foundation

/// When to attempt a delivery again: the delay before each attempt, with jitter.
///
/// ``delays`` holds one entry per attempt: the first is the delay before the
/// first attempt (normally 0), and after attempt *n* fails the next one waits
/// `delays[n]`. When there is none left, the delivery is dead.
public struct RetrySchedule: Sendable, Hashable {
    /// Seconds before each attempt. Default: close to Svix, 0 s, 5 s, 5 min,
    /// 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts over about 27.5 hours).
    public var delays: [TimeInterval]
    /// Each delay is spread by up to this fraction either way, so endpoints that
    /// failed together are not retried in lockstep. Default 0.1.
    public var jitter: Double

    /// The default schedule.
    public static let standard = RetrySchedule(
        delays: [0, 5, 300, 1800, 7200, 18000, 36000, 36000], jitter: 0.1)

    public init(delays: [TimeInterval], jitter: Double = 0.1) {
        self.delays = delays
        self.jitter = jitter
    }

    /// Parses a comma-separated list of seconds such as `0,1,1,2`; nil when malformed or empty.
    public init?(parsing text: String, jitter: Double = 0.1) {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let delays = parts.compactMap(TimeInterval.init)
        guard !delays.isEmpty, delays.count == parts.count, delays.allSatisfy({ $0 >= 0 }) else { return nil }
        self.init(delays: delays, jitter: jitter)
    }

    /// When to try again after `attempts` attempts (counting the one that just
    /// failed) ended at `now`, or nil when the schedule is exhausted.
    ///
    /// - Parameter random: a value in 0…1 that picks the jitter (0.5 = none).
    public func nextAttempt(afterAttempts attempts: Int, now: Date, random: Double) -> Date? {
        guard attempts >= 1, attempts < delays.count else { return nil }
        let delay = delays[attempts]
        let spread = delay * jitter * (random * 2 - 1)
        return now.addingTimeInterval(max(0, delay + spread))
    }
}
