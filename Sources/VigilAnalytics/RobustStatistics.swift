/// Median and median absolute deviation, the robust statistics of the baseline detector.
enum RobustStatistics {
    /// The factor that makes the MAD estimate the standard deviation of normal data.
    static let madScale = 1.4826

    /// The median of `values` (the mean of the two middle ones for an even
    /// count); `nil` when empty.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }

    /// The median absolute deviation from `center`, unscaled; `nil` when empty.
    static func medianAbsoluteDeviation(_ values: [Double], from center: Double) -> Double? {
        median(values.map { abs($0 - center) })
    }
}
