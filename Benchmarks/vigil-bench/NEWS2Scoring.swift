import VigilAnalytics

/// The Swift side of the NEWS2 benchmark: `NEWS2Calculator.score(_:)` over
/// generated observation sets, as in `Benchmarks/news2-baseline/README.md`.
enum NEWS2Scoring {
    /// One timed pass over the sets: the scoring time and the checksum of the scores.
    struct Pass: Sendable {
        /// Seconds spent scoring (generation excluded).
        var seconds: Double
        /// The checksum of every score, in order.
        var checksum: NEWS2Checksum
    }

    /// Generates `count` sets from `seed` in chunks (untimed) and scores each
    /// chunk in a tight loop (timed), folding every score into the checksum.
    ///
    /// A function, not top-level code, so that its variables are locals and
    /// the loop pays no dynamic exclusivity checks.
    static func scoreGeneratedSets(count: Int, seed: UInt64, chunk: Int = 100_000) -> Pass {
        var generator = NEWS2SampleGenerator(seed: seed)
        var checksum = NEWS2Checksum()
        let calculators = [NEWS2Calculator(scale: .scale1), NEWS2Calculator(scale: .scale2)]
        var batch: [NEWS2Sample] = []
        batch.reserveCapacity(min(chunk, count))
        let clock = ContinuousClock()
        var elapsed = Duration.zero
        var done = 0
        while done < count {
            let n = min(chunk, count - done)
            batch.removeAll(keepingCapacity: true)
            for _ in 0..<n { batch.append(generator.nextSample()) }
            let start = clock.now
            for sample in batch {
                checksum.add(calculators[sample.scale.rawValue - 1].score(sample.observations))
            }
            elapsed += clock.now - start
            done += n
        }
        let parts = elapsed.components
        return Pass(seconds: Double(parts.seconds) + Double(parts.attoseconds) / 1e18, checksum: checksum)
    }
}
