/// The wall-clock times of repeated runs of one thing, in seconds.
struct Timings: Sendable {
    /// Every run's time, in the order they ran.
    private(set) var samples: [Double] = []

    /// An empty set of runs.
    init() {}

    /// Adds one run's time.
    mutating func record(_ seconds: Double) { samples.append(seconds) }

    /// The middle time (the mean of the two middle ones for an even count); 0 with no runs.
    var median: Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }

    /// The fastest time; 0 with no runs.
    var best: Double { samples.min() ?? 0 }
}
