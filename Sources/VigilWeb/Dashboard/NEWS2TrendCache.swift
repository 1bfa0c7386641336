import Foundation
import VigilCore

/// Remembers each patient's last two NEWS2 totals, keyed by when the newest
/// was measured, so the worklist reads a patient's NEWS2 history only when a
/// new total has been stored since (Vigil stores a total only when it
/// changes, always measured at the newest observation). Kept in memory, per node.
actor NEWS2TrendCache {
    /// The current total, the one before, and when the current one was measured.
    struct Trend: Sendable {
        let measuredAt: Date
        let current: Int
        let previous: Int?
    }

    private var trends: [PatientID: Trend] = [:]

    /// The remembered trend if its newest total is the one measured at `measuredAt`.
    func trend(of patient: PatientID, measuredAt: Date) -> Trend? {
        guard let trend = trends[patient], trend.measuredAt == measuredAt else { return nil }
        return trend
    }

    func remember(_ trend: Trend, of patient: PatientID) {
        if trends.count > 100_000 { trends.removeAll() }
        trends[patient] = trend
    }
}
