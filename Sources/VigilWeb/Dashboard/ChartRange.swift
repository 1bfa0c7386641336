import Foundation
import VigilStore

/// The periods a patient page charts, each with a bucket width that keeps a
/// chart near a hundred points.
enum ChartRange: String, CaseIterable, Sendable {
    case day = "24h"
    case week = "7d"
    case month = "30d"

    /// The range a `range=` query value names; 7 days when absent or unknown.
    init(query: String?) {
        self = query.flatMap(ChartRange.init(rawValue:)) ?? .week
    }

    var duration: TimeInterval {
        switch self {
        case .day: 86_400
        case .week: 7 * 86_400
        case .month: 30 * 86_400
        }
    }

    var bucket: BucketWidth {
        switch self {
        case .day: BucketWidth(seconds: 15 * 60)!
        case .week: BucketWidth(seconds: 2 * 3600)!
        case .month: BucketWidth(seconds: 6 * 3600)!
        }
    }

    var label: String {
        switch self {
        case .day: "24 hours"
        case .week: "7 days"
        case .month: "30 days"
        }
    }
}
