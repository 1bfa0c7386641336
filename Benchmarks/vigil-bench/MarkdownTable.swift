import Foundation

/// The Markdown table of benchmark results in `BENCHMARKS.md`: one row per
/// benchmark, the store beside its baseline, the ratio and the target.
enum MarkdownTable {
    /// The table, header included, with a footnote per row on what was checked.
    static func render(_ reports: [BenchmarkReport]) -> String {
        var lines = [
            "| Benchmark | Vigil store | Baseline (same run) | Ratio | Target | Met |",
            "|---|---|---|---|---|---|",
        ]
        for report in reports {
            let cells = [
                report.title,
                "\(report.store.name): \(report.store.summary)",
                "\(report.baseline.name): \(report.baseline.summary)",
                "\(Format.ratio(report.ratio)) (\(report.ratioDefinition))",
                report.targetText,
                report.targetMet ? "yes" : "**no**",
            ]
            lines.append("| " + cells.map(escape).joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("Checks:")
        for report in reports {
            lines.append("- \(report.benchmark) (\(report.backend)): \(report.checks).")
        }
        return lines.joined(separator: "\n")
    }

    /// The text with `|` escaped so it stays in its cell.
    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
