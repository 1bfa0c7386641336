import Foundation

/// The results of `vigil-bench webhooks`.
struct WebhookRelayReport: Codable, Sendable, BenchmarkOutput {
    static let name = "webhooks"
    static let withWebhooks = "with-webhooks"
    static let withoutWebhooks = "without-webhooks"
    /// The fewest deliveries per second the relay must make.
    static let deliveriesTarget = 2000.0
    /// The most ingest throughput the relay may cost.
    static let costTarget = 0.15

    var benchmark = WebhookRelayReport.name
    var wrkCommand: String
    var endpoints: Int
    var runs: [IngestComparison.Run]
    /// Median deliveries per second received while the load ran.
    var deliveriesPerSecond: Double
    /// Median ingest readings/s with and without webhooks.
    var ingestWith: Double
    var ingestWithout: Double
    /// 1 − with ÷ without.
    var cost: Double
    /// Requests the receiver got more than once (same endpoint, same `webhook-id`).
    var duplicates: Int
    var deliveriesTargetMet: Bool
    var costTargetMet: Bool

    init(wrkCommand: String, endpoints: Int, runs: [IngestComparison.Run], duplicates: Int) {
        self.wrkCommand = wrkCommand
        self.endpoints = endpoints
        self.runs = runs
        var rates = Timings()
        for run in runs where run.variant == Self.withWebhooks {
            rates.record(Double(run.counted ?? 0) / max(run.load.durationSeconds, .leastNonzeroMagnitude))
        }
        deliveriesPerSecond = rates.median
        ingestWith = IngestComparison.median(of: Self.withWebhooks, in: runs)
        ingestWithout = IngestComparison.median(of: Self.withoutWebhooks, in: runs)
        cost = 1 - ingestWith / max(ingestWithout, .leastNonzeroMagnitude)
        self.duplicates = duplicates
        deliveriesTargetMet = deliveriesPerSecond >= Self.deliveriesTarget
        costTargetMet = cost <= Self.costTarget
    }

    /// One line for people.
    var humanLine: String {
        "Webhook relay: \(Format.thousands(Int(deliveriesPerSecond.rounded()))) deliveries/s to \(endpoints) loopback "
            + "endpoints (target ≥ \(Format.thousands(Int(Self.deliveriesTarget))): "
            + "\(deliveriesTargetMet ? "target met" : "TARGET MISSED")); ingest \(Format.thousands(Int(ingestWith.rounded()))) "
            + "readings/s with webhooks, \(Format.thousands(Int(ingestWithout.rounded()))) without: cost "
            + "\(Format.fixed(cost * 100, decimals: 1)) % (target ≤ \(Format.fixed(Self.costTarget * 100, decimals: 0)) %: "
            + "\(costTargetMet ? "target met" : "TARGET MISSED")); \(duplicates) duplicate deliveries"
    }
}
