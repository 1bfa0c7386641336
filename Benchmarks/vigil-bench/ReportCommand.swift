import ArgumentParser
import Foundation

/// `vigil-bench report`: turns the JSON lines the benchmarks printed into the
/// Markdown tables of `BENCHMARKS.md`: the storage table for `store-insert`
/// and `buckets` lines, the HTTPS table for `https-ingest` lines, the
/// simulator table for `simulator` lines (each only when such lines are given).
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print Markdown tables of the JSON result lines in the given files.")

    @Argument(help: "Files holding benchmark output; lines that are not JSON reports are skipped.")
    var files: [String]

    /// The member every JSON line has, naming the benchmark that printed it.
    private struct Kind: Decodable {
        let benchmark: String
    }

    /// Reads the reports and prints the tables.
    func run() async throws {
        var reports: [BenchmarkReport] = []
        var httpsReports: [HTTPSIngestReport] = []
        var monitoringReports: [MonitoringReport] = []
        var webhookReports: [WebhookRelayReport] = []
        var dashboardReports: [DashboardReport] = []
        var simulatorReports: [SimulatorReport] = []
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("{") {
                let data = Data(line.utf8)
                switch try JSONDecoder().decode(Kind.self, from: data).benchmark {
                case HTTPSIngestReport.name:
                    httpsReports.append(try JSONDecoder().decode(HTTPSIngestReport.self, from: data))
                case MonitoringReport.name:
                    monitoringReports.append(try JSONDecoder().decode(MonitoringReport.self, from: data))
                case WebhookRelayReport.name:
                    webhookReports.append(try JSONDecoder().decode(WebhookRelayReport.self, from: data))
                case DashboardReport.name:
                    dashboardReports.append(try JSONDecoder().decode(DashboardReport.self, from: data))
                case SimulatorReport.name:
                    simulatorReports.append(try JSONDecoder().decode(SimulatorReport.self, from: data))
                default:
                    reports.append(try JSONDecoder().decode(BenchmarkReport.self, from: data))
                }
            }
        }
        guard
            !reports.isEmpty || !httpsReports.isEmpty || !monitoringReports.isEmpty || !webhookReports.isEmpty
                || !dashboardReports.isEmpty || !simulatorReports.isEmpty
        else {
            throw BenchmarkError("no benchmark results in \(files.joined(separator: ", "))")
        }
        let tables = (reports.isEmpty ? [] : [MarkdownTable.render(reports)])
            + (httpsReports.isEmpty ? [] : [HTTPSIngestTable.render(httpsReports)])
            + monitoringReports.map(MonitoringTable.render) + webhookReports.map(WebhookRelayTable.render)
            + dashboardReports.map(DashboardTable.render) + simulatorReports.map(SimulatorTable.render)
        print(tables.joined(separator: "\n\n"))
    }
}
