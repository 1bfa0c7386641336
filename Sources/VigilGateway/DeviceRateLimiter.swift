import Foundation
import VigilCore

/// A token bucket per device: each device may send `rate` messages per second
/// on average, with bursts up to `burst`. Devices never share a bucket, so a
/// noisy or throttled device never slows the others.
public actor DeviceRateLimiter {
    /// Rate-limit settings.
    public struct Configuration: Sendable {
        /// Messages per second each device may sustain. Default 100 (IoT Hub S1's per-unit send rate).
        public var rate: Double
        /// Messages a device may send at once after being idle. Default 200.
        public var burst: Double

        public init(rate: Double = 100, burst: Double = 200) {
            self.rate = rate
            self.burst = burst
        }
    }

    /// Whether a message may pass, or how long to wait.
    public enum Decision: Sendable, Equatable {
        case allowed
        /// Over the limit: retry after this many whole seconds (at least 1).
        case throttled(retryAfter: Int)
    }

    private struct Bucket {
        var tokens: Double
        var updatedAt: Date
    }

    private let configuration: Configuration
    private var buckets: [DeviceID: Bucket] = [:]

    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    /// Takes one token from the device's bucket if it has one.
    public func admit(_ device: DeviceID, now: Date) -> Decision {
        var bucket = buckets[device] ?? Bucket(tokens: configuration.burst, updatedAt: now)
        let elapsed = max(0, now.timeIntervalSince(bucket.updatedAt))
        bucket.tokens = min(configuration.burst, bucket.tokens + elapsed * configuration.rate)
        bucket.updatedAt = now
        defer { buckets[device] = bucket }
        guard bucket.tokens >= 1 else {
            let wait = (1 - bucket.tokens) / configuration.rate
            return .throttled(retryAfter: max(1, Int(wait.rounded(.up))))
        }
        bucket.tokens -= 1
        return .allowed
    }
}
