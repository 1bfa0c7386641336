import ArgumentParser
import Foundation

/// `vigil-bench dashboard`: server time and weight of the dashboard's
/// worklist and patient pages (``DashboardBenchmark``).
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Worklist and patient page times and weights, against /health/live fetched the same way.")

    @Option(help: "The vigil executable (default: vigil beside vigil-bench, a release build).")
    var vigil: String?

    @Option(help: "Patients on the clinician's care team.")
    var patients = 500

    @Option(help: "Days of one-a-minute readings of five vitals on the charted patient (at most 30).")
    var days = 30

    @Option(help: "Timed requests per page.")
    var requests = 200

    @Flag(help: "Keep the temporary folder (data folder, log), and print its path.")
    var keepFiles = false

    /// Rejects sizes that are out of range.
    func validate() throws {
        guard patients > 0, requests > 0, (1...30).contains(days) else {
            throw ValidationError("--patients and --requests must be positive, --days within 1…30")
        }
    }

    /// Runs the benchmark and prints the report.
    func run() async throws {
        let scratch = try ScratchDirectory()
        defer {
            if keepFiles { progress("kept \(scratch.path)") } else { scratch.remove() }
        }
        var configuration = DashboardBenchmark.Configuration(vigilPath: vigil ?? HTTPSIngestCommand.siblingVigil)
        configuration.patients = patients
        configuration.days = days
        configuration.requests = requests
        let result = try await DashboardBenchmark(configuration: configuration, scratch: scratch).run()
        try DashboardReport(result).print()
    }
}
