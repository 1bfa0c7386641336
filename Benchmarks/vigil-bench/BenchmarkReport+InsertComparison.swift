extension BenchmarkReport {
    /// A `store-insert` report: the store's rows/s against a baseline tool's
    /// rows/s for the same rows, with the ratio store ÷ baseline.
    static func insertComparison(
        backend: String, title: String, rows: Int, store: (name: String, timings: Timings),
        baseline: (name: String, timings: Timings), target: Double, checks: String
    ) -> BenchmarkReport {
        let storeMeasurement = Measurement(name: store.name, timings: store.timings, rows: rows)
        let baselineMeasurement = Measurement(name: baseline.name, timings: baseline.timings, rows: rows)
        return BenchmarkReport(
            benchmark: "store-insert", backend: backend, title: title, rows: rows, store: storeMeasurement,
            baseline: baselineMeasurement,
            ratio: (storeMeasurement.rowsPerSecond ?? 0)
                / max(baselineMeasurement.rowsPerSecond ?? 0, .leastNonzeroMagnitude),
            ratioDefinition: "store rows/s ÷ baseline rows/s", target: target, goal: .atLeast, checks: checks)
    }
}
