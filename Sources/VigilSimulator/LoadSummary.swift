import Foundation

/// What a simulation run did: counts, the achieved rate and the latency of
/// acknowledged messages (send to 204/PUBACK).
public struct LoadSummary: Codable, Sendable, Equatable {
    /// Latency percentiles in milliseconds (nearest rank).
    public struct Latency: Codable, Sendable, Equatable {
        public let p50: Double
        public let p90: Double
        public let p99: Double
        public let max: Double

        public init(p50: Double, p90: Double, p99: Double, max: Double) {
            self.p50 = p50
            self.p90 = p90
            self.p99 = p99
            self.max = max
        }
    }

    public let transport: String
    public let devices: Int
    public let seconds: Double
    public let sent: Int
    public let acknowledged: Int
    /// Answered with a 4xx (quarantined whole, throttled, unauthorized).
    public let refused: Int
    /// No answer or a server error.
    public let failed: Int
    /// Bad readings injected on purpose (Vigil quarantines them; their messages are still acknowledged).
    public let injectedFaults: Int
    /// The injected bad readings by the quarantine reason Vigil must give them.
    public let faultsByReason: [String: Int]
    /// Readings Vigil should have stored.
    public let readings: Int
    /// Acknowledged messages per second.
    public let acknowledgedPerSecond: Double
    public let latencyMilliseconds: Latency?

    public init(
        transport: String, devices: Int, seconds: Double, sent: Int, acknowledged: Int, refused: Int, failed: Int, injectedFaults: Int, faultsByReason: [String: Int], readings: Int, acknowledgedPerSecond: Double, latencyMilliseconds: Latency?
    ) {
        self.transport = transport
        self.devices = devices
        self.seconds = seconds
        self.sent = sent
        self.acknowledged = acknowledged
        self.refused = refused
        self.failed = failed
        self.injectedFaults = injectedFaults
        self.faultsByReason = faultsByReason
        self.readings = readings
        self.acknowledgedPerSecond = acknowledgedPerSecond
        self.latencyMilliseconds = latencyMilliseconds
    }

    /// One line per figure, for people.
    public var text: String {
        var lines = [
            "transport      \(transport), \(devices) devices, \(String(format: "%.1f", seconds)) s",
            "sent           \(sent)",
            "acknowledged   \(acknowledged) (\(String(format: "%.1f", acknowledgedPerSecond))/s)",
            "refused        \(refused)",
            "failed         \(failed)",
            "readings       \(readings) valid, \(injectedFaults) bad on purpose",
        ]
        if let latency = latencyMilliseconds {
            lines.append(
                String(
                    format: "latency (ms)   p50 %.1f  p90 %.1f  p99 %.1f  max %.1f", latency.p50, latency.p90,
                    latency.p99, latency.max))
        }
        return lines.joined(separator: "\n")
    }

    /// Nearest-rank percentiles of `samples` (milliseconds); nil when empty.
    public static func latency(of samples: [Double]) -> Latency? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        func rank(_ percentile: Double) -> Double {
            sorted[max(0, min(sorted.count - 1, Int((percentile / 100 * Double(sorted.count)).rounded(.up)) - 1))]
        }
        return Latency(p50: rank(50), p90: rank(90), p99: rank(99), max: sorted[sorted.count - 1])
    }
}
