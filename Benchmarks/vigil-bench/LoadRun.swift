import Foundation
import VigilCore

/// One wrk run against the server, with the window of receive times it covers,
/// so that the readings it stored can be counted afterwards.
struct LoadRun: Sendable {
    /// What the run is called in checks and file names: `bulk`, `single-maximum`, ….
    let name: String
    /// Readings in each of its requests.
    let readingsPerRequest: Int
    /// wrk's figures.
    let result: WrkResult
    /// Milliseconds since 1970 just before wrk started.
    let startedAt: Int64
    /// Milliseconds since 1970 just after wrk exited.
    let endedAt: Int64

    /// Runs wrk and records the window around it.
    ///
    /// - Throws: ``BenchmarkError`` when any answer was not 204 or wrk saw
    ///   socket errors or timeouts: the figures of such a run mean nothing.
    static func measure(
        _ name: String, wrk: Wrk, plan: LoadPlan, url: String, seconds: Int, delayMilliseconds: Double? = nil
    ) throws -> Self {
        let pacing = delayMilliseconds.map { ", paced by \(Format.fixed($0, decimals: 2)) ms per request" } ?? ""
        progress("\(name): \(wrk.commandLine(seconds: seconds))\(pacing), \(plan.readingsPerRequest) reading(s) per request")
        let startedAt = Date().millisecondsSince1970
        let result = try wrk.run(
            name: name, plan: plan, url: url, seconds: seconds, delayMilliseconds: delayMilliseconds)
        let run = Self(
            name: name, readingsPerRequest: plan.readingsPerRequest, result: result, startedAt: startedAt,
            endedAt: Date().millisecondsSince1970)
        progress(
            "\(name): \(Format.requests(result.acknowledgedPerSecond)), \(result.latencySummary); "
                + "\(result.otherStatuses) other answers, \(result.socketErrors) socket errors")
        guard result.otherStatuses == 0, result.socketErrors == 0, result.acknowledged > 0 else {
            throw BenchmarkError(
                "\(name): \(result.acknowledged) requests answered 204, \(result.otherStatuses) otherwise "
                    + "(\(result.statusErrors) with status ≥ 400), \(result.socketErrors) socket errors or timeouts")
        }
        return run
    }

    /// The readings the server must hold from this run.
    var acknowledgedReadings: Int { result.acknowledged * readingsPerRequest }
}
