/// The Markdown table of the MQTT section of `BENCHMARKS.md`: QoS 1 rate,
/// memory per idle connection and latency at half the rate, Vigil beside mosquitto.
enum MQTTIngestTable {
    /// The table, header included, then what was checked.
    static func render(_ report: MQTTIngestReport) -> String {
        MarkdownTable.results(
            vigil: "Vigil (`vigil serve`, release)", baseline: "Baseline: mosquitto (same run)", rows: rows(report),
            checks: report.checks)
    }

    private static func rows(_ report: MQTTIngestReport) -> [[String]] {
        let window = report.vigilMaximum.window
        let fleet = "\(Format.thousands(report.devices)) devices, one TLS connection each, up to \(window) "
            + "publishes awaiting PUBACK per connection, `{\"heartRate\": N}` bodies"
        let rate = [
            "QoS 1 telemetry at the maximum rate: \(fleet), each device at most "
                + "\(Format.fixed(report.deviceCeiling, decimals: 0)) msgs/s (Vigil's limit: 100); Vigil PUBACKs after "
                + "the SQLite commit (synchronous=FULL), mosquitto stores nothing",
            maximum(report.vigilMaximum, broker: "vigil"),
            maximum(report.mosquittoMaximum, broker: "mosquitto"),
            "\(Format.ratio(report.rateRatio)) (Vigil msgs/s ÷ mosquitto msgs/s)",
            "≥ \(Format.ratio(report.rateRatioTarget))",
            report.rateTargetMet ? "yes" : "**no**",
        ]
        let memory = [
            "Memory per idle TLS device connection: \(Format.thousands(report.idleConnections)) devices connected "
                + "and idle (RSS of the broker process with them ÷ before, per connection)",
            report.vigilIdle.summary,
            report.mosquittoIdle.summary,
            "\(Format.ratio(report.memoryRatio)) (Vigil bytes ÷ mosquitto bytes)",
            "≤ \(Format.ratio(report.memoryRatioTarget))",
            report.memoryTargetMet ? "yes" : "**no**",
        ]
        let half = report.vigilHalf
        let target = half.targetRate ?? 0
        let latency = [
            "Publish-to-commit latency at half of Vigil's maximum: \(fleet), paced open loop at "
                + "\(MQTTIngestReport.rate(target)) (latency from when each publish fell due to its PUBACK)",
            paced(half),
            paced(report.mosquittoHalf),
            "\(Format.ratio(Double(half.latency.p99) / Double(max(report.mosquittoHalf.latency.p99, 1)))) "
                + "(Vigil p99 ÷ mosquitto p99)",
            "— (issue 8 asks for the figure, sets no bound)",
            "—",
        ]
        return [rate, memory, latency]
    }

    private static func maximum(_ result: MQTTLoadResult, broker: String) -> String {
        "\(MQTTIngestReport.rate(result.rate)) (\(Format.thousands(result.acknowledgedInRun)) PUBACKs in "
            + "\(Format.fixed(result.durationSeconds, decimals: 0)) s); publish → PUBACK \(result.latencySummary); "
            + "CPU: generator \(Format.fixed(result.generatorCores, decimals: 2)) cores, \(broker) "
            + "\(Format.fixed(result.brokerCores, decimals: 2)) cores"
    }

    private static func paced(_ result: MQTTLoadResult) -> String {
        let share = result.rate / max(result.targetRate ?? result.rate, .leastNonzeroMagnitude)
        return "\(result.latencySummary) at \(MQTTIngestReport.rate(result.rate)) achieved "
            + "(\(Format.fixed(share * 100, decimals: 0))% of the schedule)"
    }
}
