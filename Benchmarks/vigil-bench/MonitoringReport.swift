import Foundation

/// The results of `vigil-bench monitoring`: what live evaluation costs ingest,
/// and how fast alerts reach a subscribed client.
struct MonitoringReport: Codable, Sendable, BenchmarkOutput {
    static let name = "monitoring"
    /// The most throughput live evaluation may cost.
    static let costTarget = 0.10

    var benchmark = MonitoringReport.name
    var wrkCommand: String
    var evaluationRuns: [IngestComparison.Run]
    /// Median readings/s with evaluation on and off.
    var medianOn: Double
    var medianOff: Double
    /// 1 − on ÷ off: the share of throughput live evaluation costs.
    var cost: Double
    var costTarget: Double
    var costTargetMet: Bool
    var alertLatency: AlertLatencyBenchmark.Result
    var p99TargetMilliseconds: Double
    var p99TargetMet: Bool

    init(
        wrkCommand: String, evaluationRuns: [IngestComparison.Run], alertLatency: AlertLatencyBenchmark.Result
    ) {
        self.wrkCommand = wrkCommand
        self.evaluationRuns = evaluationRuns
        medianOn = IngestComparison.median(of: "evaluation-on", in: evaluationRuns)
        medianOff = IngestComparison.median(of: "evaluation-off", in: evaluationRuns)
        cost = 1 - medianOn / max(medianOff, .leastNonzeroMagnitude)
        costTarget = Self.costTarget
        costTargetMet = cost <= costTarget
        self.alertLatency = alertLatency
        p99TargetMilliseconds = AlertLatencyBenchmark.p99TargetMilliseconds
        p99TargetMet =
            Double(alertLatency.latency.p99) < p99TargetMilliseconds * 1000 && alertLatency.missingEvents == 0
            && alertLatency.failures == 0
    }

    /// One line for people.
    var humanLine: String {
        let latency = alertLatency
        return "Live evaluation: ingest \(Format.thousands(Int(medianOn.rounded()))) readings/s on, "
            + "\(Format.thousands(Int(medianOff.rounded()))) off (medians): cost \(Format.fixed(cost * 100, decimals: 1)) % "
            + "(target ≤ \(Format.fixed(costTarget * 100, decimals: 0)) %: \(costTargetMet ? "target met" : "TARGET MISSED")); "
            + "alert latency, \(Format.thousands(latency.patients)) patients × 1 reading/s: "
            + "\(latency.latency.summary), max \(WrkResult.milliseconds(latency.latency.max)) (target p99 < \(Format.fixed(p99TargetMilliseconds, decimals: 0)) ms: "
            + "\(p99TargetMet ? "target met" : "TARGET MISSED")); \(latency.missingEvents) events missing"
    }
}
