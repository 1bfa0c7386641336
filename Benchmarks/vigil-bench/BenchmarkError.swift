/// Why a benchmark could not run or its results cannot be trusted.
struct BenchmarkError: Error, CustomStringConvertible {
    /// What went wrong, for the person running the benchmark.
    let description: String

    /// An error that says `description`.
    init(_ description: String) {
        self.description = description
    }
}
