import Foundation

/// When a deteriorating patient gets worse: nothing before `onset`, then a
/// steady slide that is complete after `duration`.
public struct Deterioration: Sendable, Hashable {
    /// When the slide begins.
    public var onset: Date
    /// How long it takes to reach the worst state.
    public var duration: TimeInterval

    /// A slide from `onset` lasting `duration` seconds (at least one).
    public init(onset: Date, duration: TimeInterval) {
        self.onset = onset
        self.duration = max(duration, 1)
    }

    /// 0 before the onset, rising linearly to 1 at `onset + duration`.
    public func progress(at time: Date) -> Double {
        min(1, max(0, time.timeIntervalSince(onset) / duration))
    }
}
