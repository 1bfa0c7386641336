/// The Markdown table of a ``WebhookRelayReport``.
enum WebhookRelayTable {
    /// A results table and the checks made.
    static func render(_ report: WebhookRelayReport) -> String {
        let rate = { (value: Double) in Format.thousands(Int(value.rounded())) }
        let runs = report.runs.map { "\($0.variant) \(rate($0.readingsPerSecond))" }.joined(separator: ", ")
        let rows = [
            [
                "Webhook deliveries to \(report.endpoints) loopback endpoints, beside the sustained HTTPS ingest load "
                    + "(`\(report.wrkCommand)`, 100 readings per request)",
                "\(rate(report.deliveriesPerSecond)) deliveries/s (median of the runs with webhooks)",
                "", "",
                "≥ \(rate(WebhookRelayReport.deliveriesTarget))/s",
                report.deliveriesTargetMet ? "yes" : "**no**",
            ],
            [
                "Ingest while the relay delivers",
                "with webhooks: \(rate(report.ingestWith)) readings/s (median; runs in order: \(runs))",
                "without webhook endpoints: \(rate(report.ingestWithout)) readings/s (median)",
                "cost \(Format.fixed(report.cost * 100, decimals: 1)) % (1 − with ÷ without)",
                "≤ \(Format.fixed(WebhookRelayReport.costTarget * 100, decimals: 0)) %",
                report.costTargetMet ? "yes" : "**no**",
            ],
        ]
        let checks =
            report.runs.flatMap { run in run.checks.map { "\(run.variant): \($0)" } }
            + ["receiver: \(report.duplicates) requests repeated a `webhook-id` an endpoint had already received"]
        return MarkdownTable.results(
            vigil: "Vigil (`vigil serve`, release)", baseline: "Baseline (same run)", rows: rows, checks: checks)
    }
}
