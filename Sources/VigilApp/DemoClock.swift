import Foundation
import Synchronization

/// The demo's clock: starts at a given moment and runs `scale` times faster
/// than real time (1 = real time). A clock made paused stays at its start
/// until ``resume()``, so that a compressed demo's history can be written
/// before its simulated minutes start to run.
public struct DemoClock: Sendable {
    /// The simulated time at the start.
    public let start: Date
    /// Simulated seconds per real second.
    public let scale: Double
    /// When the clock started running; nil while paused.
    private let running: Anchor

    public init(start: Date = Date(), scale: Double = 1, paused: Bool = false) {
        self.start = start
        self.scale = scale
        running = Anchor(paused ? nil : ContinuousClock.now)
    }

    /// The simulated time now (the start while paused).
    public func now() -> Date {
        guard let since = running.instant.withLock({ $0 }) else { return start }
        let elapsed = ContinuousClock.now - since
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return start.addingTimeInterval(seconds * scale)
    }

    /// Starts a paused clock from its start; does nothing to a running one.
    public func resume() {
        running.instant.withLock { instant in
            if instant == nil { instant = ContinuousClock.now }
        }
    }

    /// The shared moment the clock started running.
    private final class Anchor: Sendable {
        let instant: Mutex<ContinuousClock.Instant?>

        init(_ instant: ContinuousClock.Instant?) { self.instant = Mutex(instant) }
    }
}
