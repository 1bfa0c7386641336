import ArgumentParser
import Foundation

/// `vigil-bench report`: turns the JSON lines the benchmarks printed into the
/// Markdown table of `BENCHMARKS.md`.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print a Markdown table of the JSON result lines in the given files.")

    @Argument(help: "Files holding benchmark output; lines that are not JSON reports are skipped.")
    var files: [String]

    /// Reads the reports and prints the table.
    func run() async throws {
        var reports: [BenchmarkReport] = []
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("{") {
                reports.append(try JSONDecoder().decode(BenchmarkReport.self, from: Data(line.utf8)))
            }
        }
        guard !reports.isEmpty else { throw BenchmarkError("no benchmark results in \(files.joined(separator: ", "))") }
        print(MarkdownTable.render(reports))
    }
}
