import VigilSimulator
import Foundation

/// The results of `vigil-bench simulator`: how fast the simulator generates
/// messages on its own against how fast Vigil absorbs them, and the ratio.
struct SimulatorReport: Codable, Sendable, BenchmarkOutput {
    static let name = "simulator"
    /// The simulator must generate at least this many times what Vigil absorbs.
    static let targetRatio = 5.0

    var benchmark = SimulatorReport.name
    /// `vigil simulate --dry-run`.
    var generation: LoadSummary
    /// `vigil simulate` against `vigil serve` over HTTPS.
    var absorption: LoadSummary
    /// Generated messages/s ÷ absorbed messages/s.
    var ratio: Double
    /// Generated readings/s ÷ absorbed readings/s.
    var readingsRatio: Double
    var targetMet: Bool
    /// CPU cores the server kept busy during the load run, on average.
    var serverCores: Double
    /// Device readings the server's database holds from the load run.
    var storedReadings: Int
    /// Readings the server quarantined during the load run.
    var quarantined: Int
    /// Measurements per message (`--batch`).
    var batch: Int
    /// Messages in flight at most (`--connections`).
    var connections: Int
    /// Chance that a message carries a bad reading.
    var badReadings: Double
    var seed: UInt64

    init(_ result: SimulatorBenchmark.Result, configuration: SimulatorBenchmark.Configuration) {
        generation = result.generation
        absorption = result.absorption
        ratio = Self.ratio(result.generation.acknowledgedPerSecond, result.absorption.acknowledgedPerSecond)
        readingsRatio = Self.ratio(result.generation.readingsPerSecond, result.absorption.readingsPerSecond)
        targetMet = ratio >= Self.targetRatio
        serverCores = result.serverCores
        storedReadings = result.storedReadings
        quarantined = result.quarantined
        batch = configuration.batch
        connections = configuration.connections
        badReadings = configuration.badReadings
        seed = configuration.seed
    }

    /// One line for people.
    var humanLine: String {
        "Simulator: generates \(Self.rates(generation)) alone; vigil serve absorbs \(Self.rates(absorption)) over HTTPS; "
            + "ratio \(Format.fixed(ratio, decimals: 1))× (target ≥ \(Format.fixed(Self.targetRatio, decimals: 0))×: "
            + "\(targetMet ? "target met" : "TARGET MISSED"))"
    }

    /// `12,345 messages/s (23,456 readings/s)`.
    static func rates(_ summary: LoadSummary) -> String {
        "\(Format.thousands(Int(summary.acknowledgedPerSecond.rounded()))) messages/s "
            + "(\(Format.thousands(Int(summary.readingsPerSecond.rounded()))) readings/s)"
    }

    private static func ratio(_ numerator: Double, _ denominator: Double) -> Double {
        denominator > 0 ? numerator / denominator : 0
    }
}
