import ArgumentParser
import Foundation

/// `vigil-bench mqtt report`: turns the JSON line `mqtt ingest` printed into
/// the Markdown table of the MQTT section of `BENCHMARKS.md`.
struct MQTTReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the Markdown table of the mqtt ingest result in the given file.")

    @Argument(help: "A file holding mqtt ingest output; its last line that is a JSON report is used.")
    var file: String

    /// Reads the report and prints the table.
    func run() async throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("{") }) else {
            throw BenchmarkError("no mqtt ingest result in \(file)")
        }
        print(MQTTIngestTable.render(try JSONDecoder().decode(MQTTIngestReport.self, from: Data(line.utf8))))
    }
}
