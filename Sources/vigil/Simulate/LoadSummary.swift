import Foundation

/// What a simulation run did: counts, the achieved rate and the latency of
/// acknowledged messages (send to 204/PUBACK).
struct LoadSummary: Codable, Sendable, Equatable {
    /// Latency percentiles in milliseconds (nearest rank).
    struct Latency: Codable, Sendable, Equatable {
        let p50: Double
        let p90: Double
        let p99: Double
        let max: Double
    }

    let transport: String
    let devices: Int
    let seconds: Double
    let sent: Int
    let acknowledged: Int
    /// Answered with a 4xx (quarantined whole, throttled, unauthorized).
    let refused: Int
    /// No answer or a server error.
    let failed: Int
    /// Bad readings injected on purpose (Vigil quarantines them; their messages are still acknowledged).
    let injectedFaults: Int
    /// The injected bad readings by the quarantine reason Vigil must give them.
    let faultsByReason: [String: Int]
    /// Readings Vigil should have stored.
    let readings: Int
    /// Acknowledged messages per second.
    let acknowledgedPerSecond: Double
    let latencyMilliseconds: Latency?

    /// One line per figure, for people.
    var text: String {
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
    static func latency(of samples: [Double]) -> Latency? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        func rank(_ percentile: Double) -> Double {
            sorted[max(0, min(sorted.count - 1, Int((percentile / 100 * Double(sorted.count)).rounded(.up)) - 1))]
        }
        return Latency(p50: rank(50), p90: rank(90), p99: rank(99), max: sorted[sorted.count - 1])
    }
}
