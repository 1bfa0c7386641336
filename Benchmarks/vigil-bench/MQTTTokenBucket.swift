/// The load generator's own rate limit per connection at the maximum: a
/// token bucket, so that no device goes over Vigil's per-device limit
/// (100 messages/s, bursts of 200), which disconnects it, as IoT Hub does.
struct MQTTTokenBucket: Sendable {
    /// Tokens added per second.
    let rate: Double
    /// The most tokens held.
    let burst: Double
    private var tokens: Double
    private var refilledAt: UInt64

    /// A full bucket at `now` (uptime nanoseconds).
    init(rate: Double, burst: Double, now: UInt64) {
        self.rate = rate
        self.burst = burst
        tokens = burst
        refilledAt = now
    }

    /// Takes a token if there is one at `now`.
    mutating func take(now: UInt64) -> Bool {
        tokens = min(burst, tokens + Double(now &- refilledAt) / 1e9 * rate)
        refilledAt = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// Nanoseconds after the last ``take(now:)`` until a token is there.
    var nanosecondsToNextToken: Int64 { Int64(((1 - tokens) / rate * 1e9).rounded(.up)) }
}
