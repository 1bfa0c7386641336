import Foundation
import VigilStore

/// Folds one type's readings, taken in time order, into chart buckets: min,
/// max, average and count per bucket of `width`, each starting at a multiple
/// of the width since 1970 (floor division, as the PostgreSQL store's), empty
/// buckets left out.
struct ReadingBucketFold {
    private let width: Int64
    private var finished: [ReadingBucket] = []
    private var start: Int64?
    private var low = 0.0
    private var high = 0.0
    private var sum = 0.0
    private var count = 0

    init(width: BucketWidth) {
        self.width = width.seconds * 1000
    }

    /// Adds a reading measured at or after every reading added before it.
    mutating func add(measuredAt: Int64, value: Double) {
        let remainder = measuredAt % width
        let bucket = measuredAt - (remainder < 0 ? remainder + width : remainder)
        if bucket != start {
            close()
            start = bucket
            (low, high, sum, count) = (value, value, 0, 0)
        }
        low = min(low, value)
        high = max(high, value)
        sum += value
        count += 1
    }

    /// The buckets, oldest first.
    mutating func buckets() -> [ReadingBucket] {
        close()
        return finished
    }

    private mutating func close() {
        guard let start else { return }
        finished.append(
            ReadingBucket(
                start: Date(millisecondsSince1970: start), min: low, max: high, avg: sum / Double(count), count: count))
        self.start = nil
    }
}
