import Foundation

/// The Markdown table of benchmark results in `BENCHMARKS.md`: one row per
/// benchmark, the store beside its baseline, the ratio and the target.
enum MarkdownTable {
    /// The table, header included, with a footnote per row on what was checked.
    static func render(_ reports: [BenchmarkReport]) -> String {
        results(
            vigil: "Vigil store", baseline: "Baseline (same run)",
            rows: reports.map { report in
                [
                    report.title,
                    "\(report.store.name): \(report.store.summary)",
                    "\(report.baseline.name): \(report.baseline.summary)",
                    "\(Format.ratio(report.ratio)) (\(report.ratioDefinition))",
                    report.targetText,
                    report.targetMet ? "yes" : "**no**",
                ]
            },
            checks: reports.map { "\($0.benchmark) (\($0.backend)): \($0.checks)." })
    }

    /// A results table — benchmark, Vigil's figure, the baseline's, ratio,
    /// target, met — with every cell's `|` escaped, then a list of the checks made.
    static func results(vigil: String, baseline: String, rows: [[String]], checks: [String]) -> String {
        var lines = [
            "| Benchmark | \(vigil) | \(baseline) | Ratio | Target | Met |",
            "|---|---|---|---|---|---|",
        ]
        lines += rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        lines += ["", "Checks:"] + checks.map { "- \($0)" }
        return lines.joined(separator: "\n")
    }

    /// The text with `|` escaped so it stays in its cell.
    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
