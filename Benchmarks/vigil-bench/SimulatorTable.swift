import VigilSimulator
/// The Markdown table of a ``SimulatorReport``.
enum SimulatorTable {
    /// A results table and the checks made.
    static func render(_ report: SimulatorReport) -> String {
        let generation = report.generation
        let absorption = report.absorption
        let shape =
            "\(Format.thousands(absorption.devices)) simulated devices, `--batch \(report.batch)`, "
            + "\(Format.fixed(absorption.readingsPerMessage, decimals: 2)) valid readings per message on average, "
            + "bad readings \(Format.fixed(report.badReadings * 100, decimals: 0)) %, seed \(report.seed), "
            + "\(report.connections) messages in flight"
        let row = [
            "Simulator generation against Vigil's absorption (\(shape))",
            "`vigil simulate --dry-run`: \(SimulatorReport.rates(generation)); "
                + "\(Format.thousands(generation.sent)) messages in \(Format.seconds(generation.seconds))",
            "`vigil serve` over HTTPS, driven by `vigil simulate`: \(SimulatorReport.rates(absorption)); "
                + "\(Format.thousands(absorption.acknowledged)) messages in \(Format.seconds(absorption.seconds))"
                + latency(absorption),
            "\(Format.fixed(report.ratio, decimals: 1))× messages/s (\(Format.fixed(report.readingsRatio, decimals: 1))× "
                + "readings/s) (generation ÷ absorption)",
            "≥ \(Format.fixed(SimulatorReport.targetRatio, decimals: 0))×",
            report.targetMet ? "yes" : "**no**",
        ]
        let checks = [
            "generation: all \(Format.thousands(generation.sent)) generated messages were handed over "
                + "(\(generation.refused) refused, \(generation.failed) failed)",
            "absorption: all \(Format.thousands(absorption.sent)) messages were answered 204, none refused "
                + "(throttled or otherwise) or failed; the server kept \(Format.fixed(report.serverCores, decimals: 2)) "
                + "cores busy on average while `vigil simulate` ran (enrolment included)",
            "durability: after SIGTERM, `vigil.sqlite` holds \(Format.thousands(report.storedReadings)) device readings "
                + "received during the load run ≥ the \(Format.thousands(absorption.readings)) valid readings acknowledged; "
                + "\(Format.thousands(report.quarantined)) quarantined ≥ the \(Format.thousands(absorption.injectedFaults)) "
                + "bad readings injected on purpose",
        ]
        return MarkdownTable.results(
            vigil: "Simulator alone (`vigil simulate --dry-run`, release)", baseline: "Vigil absorbs (same run)",
            rows: [row], checks: checks)
    }

    private static func latency(_ summary: LoadSummary) -> String {
        guard let latency = summary.latencyMilliseconds else { return "" }
        return "; latency p50 \(Format.fixed(latency.p50, decimals: 1)) ms, p99 \(Format.fixed(latency.p99, decimals: 1)) ms"
    }
}
