import Foundation

/// The results of `vigil-bench dashboard`: page times of the worklist and a
/// patient's page against `/health/live` fetched the same way, and page weights.
struct DashboardReport: Codable, Sendable, BenchmarkOutput {
    static let name = "dashboard"
    /// The worklist's p95 must stay under this, in milliseconds.
    static let worklistTargetMilliseconds = 50.0
    /// Each patient page's p95 must stay under this, in milliseconds.
    static let patientTargetMilliseconds = 100.0
    /// A patient page with its stylesheet and script must weigh less, in bytes.
    static let pageWeightTarget = 300 * 1024

    var benchmark = DashboardReport.name
    var baseline: DashboardBenchmark.PageTiming
    var worklist: DashboardBenchmark.PageTiming
    var patientPages: [DashboardBenchmark.PageTiming]
    var assetBytes: Int
    var worklistRows: Int
    var chartedReadings: Int
    var worklistTargetMet: Bool
    var patientTargetMet: Bool
    var weightTargetMet: Bool

    init(_ result: DashboardBenchmark.Result) {
        baseline = result.baseline
        worklist = result.worklist
        patientPages = result.patientPages
        assetBytes = result.assetBytes
        worklistRows = result.worklistRows
        chartedReadings = result.chartedReadings
        worklistTargetMet = Double(worklist.p95) < Self.worklistTargetMilliseconds * 1000
        patientTargetMet = result.patientPages.allSatisfy { Double($0.p95) < Self.patientTargetMilliseconds * 1000 }
        let assets = result.assetBytes
        weightTargetMet = result.patientPages.allSatisfy { $0.bytes + assets < Self.pageWeightTarget }
    }

    /// One line for people.
    var humanLine: String {
        let pages = patientPages.map { "\($0.name) p95 \(WrkResult.milliseconds($0.p95)), \(Format.kibibytes($0.bytes + assetBytes))" }
        return "Dashboard: \(worklist.name) p95 \(WrkResult.milliseconds(worklist.p95)) (target < 50 ms: "
            + "\(worklistTargetMet ? "target met" : "TARGET MISSED")); " + pages.joined(separator: "; ")
            + " (targets p95 < 100 ms: \(patientTargetMet ? "met" : "MISSED"), weight < 300 KiB: "
            + "\(weightTargetMet ? "met" : "MISSED")); baseline \(baseline.name) p95 \(WrkResult.milliseconds(baseline.p95))"
    }
}

/// The Markdown table of a ``DashboardReport``.
enum DashboardTable {
    /// A results table and the checks made.
    static func render(_ report: DashboardReport) -> String {
        func row(_ page: DashboardBenchmark.PageTiming, target: String, met: Bool, weight: Int) -> [String] {
            [
                "`GET \(page.path.replacingOccurrences(of: #"patients/[^/?]+"#, with: "patients/{id}", options: .regularExpression))`: \(page.name)",
                "p95 \(WrkResult.milliseconds(page.p95)) (\(page.latency.summary)); \(Format.kibibytes(weight))",
                "`GET /health/live`: p95 \(WrkResult.milliseconds(report.baseline.p95))",
                "\(Format.fixed(Double(page.p95) / Double(max(report.baseline.p95, 1)), decimals: 1))× (page p95 ÷ baseline p95)",
                target,
                met ? "yes" : "**no**",
            ]
        }
        var rows = [
            row(report.worklist, target: "p95 < 50 ms", met: report.worklistTargetMet, weight: report.worklist.bytes)
        ]
        rows += report.patientPages.map { page in
            row(
                page, target: "p95 < 100 ms, < 300 KiB with stylesheet and script",
                met: Double(page.p95) < DashboardReport.patientTargetMilliseconds * 1000
                    && page.bytes + report.assetBytes < DashboardReport.pageWeightTarget,
                weight: page.bytes + report.assetBytes)
        }
        let checks = [
            "the worklist listed all \(Format.thousands(report.worklistRows)) patients of the clinician's care team",
            "the charted patient has \(Format.thousands(report.chartedReadings)) readings (one a minute of five vitals), "
                + "all answered 204 at the device endpoint",
            "every timed request answered 200; the stylesheet and script weigh \(Format.kibibytes(report.assetBytes)) together",
        ]
        return MarkdownTable.results(
            vigil: "Vigil (`vigil serve`, release)", baseline: "Baseline (same run)", rows: rows, checks: checks)
    }
}
