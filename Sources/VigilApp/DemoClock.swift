import Foundation

/// The demo's clock: starts at a given moment and runs `scale` times faster
/// than real time (1 = real time).
public struct DemoClock: Sendable {
    /// The simulated time at the start.
    public let start: Date
    /// Simulated seconds per real second.
    public let scale: Double
    private let realStart: ContinuousClock.Instant

    public init(start: Date = Date(), scale: Double = 1) {
        self.start = start
        self.scale = scale
        realStart = ContinuousClock.now
    }

    /// The simulated time now.
    public func now() -> Date {
        let elapsed = ContinuousClock.now - realStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return start.addingTimeInterval(seconds * scale)
    }
}
