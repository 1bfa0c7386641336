import Foundation

/// The baseline of the NEWS2 benchmark: `Benchmarks/news2-baseline/news2.py`,
/// a straightforward Python implementation of the same chart, run with
/// `python3` on the same sets (same generator, same seed).
struct NEWS2PythonBaseline: Sendable {
    /// What `news2.py` prints as its JSON line.
    struct Result: Decodable, Sendable {
        /// How many sets it scored.
        var sets: Int
        /// The generator's seed.
        var seed: UInt64
        /// Seconds spent scoring, as timed by the script (generation excluded).
        var seconds: Double
        /// The checksum, `0x` and sixteen lowercase hexadecimal digits.
        var checksum: String
        /// The sum of the totals.
        var totalSum: Int
        /// How many scores were partial.
        var partial: Int
    }

    /// The path of `news2.py`.
    let script: String

    /// Runs the script once on `count` sets from `seed` and returns its JSON line.
    ///
    /// - Throws: ``BenchmarkError`` when `python3` or the script is missing,
    ///   the script fails, or it prints no JSON line for the sets asked for.
    func run(count: Int, seed: UInt64) throws -> Result {
        guard FileManager.default.fileExists(atPath: script) else {
            throw BenchmarkError("\(script) not found; run vigil-bench from the repository's root or pass --baseline")
        }
        let python = try ExternalTool(named: "python3")
        let output = try python.output([script, "--count", String(count), "--seed", String(seed)])
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("{") }) else {
            throw BenchmarkError("news2.py printed no JSON line: \(output.suffix(2000))")
        }
        let result = try JSONDecoder().decode(Result.self, from: Data(line.utf8))
        guard result.sets == count, result.seed == seed else {
            throw BenchmarkError(
                "news2.py scored \(result.sets) sets from seed \(result.seed), not \(count) from \(seed)")
        }
        return result
    }

    /// `python3 --version`, such as `Python 3.11.7`.
    static func pythonVersion() throws -> String {
        try ExternalTool(named: "python3").output(["--version"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
