/// Measures elapsed wall-clock time on the monotonic clock.
struct Stopwatch {
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    /// A stopwatch that starts now.
    init() {
        start = clock.now
    }

    /// Seconds since the stopwatch started.
    var seconds: Double {
        let elapsed = (clock.now - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }

    /// Runs `body` and returns the seconds it took.
    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let stopwatch = Stopwatch()
        try await body()
        return stopwatch.seconds
    }
}
