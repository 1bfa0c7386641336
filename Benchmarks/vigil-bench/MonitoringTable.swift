/// The Markdown table of a ``MonitoringReport``.
enum MonitoringTable {
    /// A results table and the checks made.
    static func render(_ report: MonitoringReport) -> String {
        let latency = report.alertLatency
        let runs = report.evaluationRuns.map {
            "\($0.variant) \(Format.thousands(Int($0.readingsPerSecond.rounded())))"
        }.joined(separator: ", ")
        let rows = [
            [
                "Ingest with live evaluation on vs off: sustained HTTPS, 100 readings per request, "
                    + "1,000 devices (100 patients), `\(report.wrkCommand)`, fresh server per run",
                "evaluation on: \(Format.thousands(Int(report.medianOn.rounded()))) readings/s (median; runs in order: \(runs))",
                "`vigil serve --no-live-evaluation`: \(Format.thousands(Int(report.medianOff.rounded()))) readings/s (median)",
                "cost \(Format.fixed(report.cost * 100, decimals: 1)) % (1 − on ÷ off)",
                "≤ \(Format.fixed(report.costTarget * 100, decimals: 0)) %",
                report.costTargetMet ? "yes" : "**no**",
            ],
            [
                "Alert latency: \(Format.thousands(latency.patients)) patients, one device each, one reading a second "
                    + "each over HTTPS for \(latency.seconds) s (\(Format.thousands(Int(latency.readingsPerSecond.rounded()))) readings/s), "
                    + "every reading alerting; one SSE subscriber",
                "204 at the device → `alert.*` event at the subscriber: \(latency.latency.summary), "
                    + "max \(WrkResult.milliseconds(latency.latency.max)) "
                    + "(\(Format.thousands(latency.acknowledged - latency.missingEvents)) readings)",
                "",
                "",
                "p99 < \(Format.fixed(report.p99TargetMilliseconds, decimals: 0)) ms",
                report.p99TargetMet ? "yes" : "**no**",
            ],
        ]
        let alertCheck =
            "alert latency: \(Format.thousands(latency.acknowledged)) readings answered 204, \(latency.failures) "
            + "otherwise; \(latency.missingEvents) without an alert event; \(latency.eventsBeforeAcknowledgement) "
            + "events arrived before their 204 (counted as 0 ms); the subscriber received "
            + "\(Format.thousands(latency.alertEvents)) alert and \(Format.thousands(latency.otherEvents)) other events; "
            + "request latency (send → 204) \(latency.requestLatency.summary)"
        var checks = report.evaluationRuns.flatMap { run in run.checks.map { "\(run.variant): \($0)" } }
        checks += [alertCheck, latency.durability]
        return MarkdownTable.results(
            vigil: "Vigil (`vigil serve`, release)", baseline: "Baseline (same run)", rows: rows, checks: checks)
    }
}
