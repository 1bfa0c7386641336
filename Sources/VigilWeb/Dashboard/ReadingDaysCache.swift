import Foundation
import VigilCore
import VigilStore

/// Remembers, per patient, the days of the current month (UTC) with device
/// readings, so the worklist does not aggregate a month of readings for every
/// patient on every load.
///
/// A remembered set stays valid while the patient's newest reading falls on
/// a day it already holds (a new day always brings a newer reading), and for
/// at most `maximumAge`, which bounds how long a back-dated reading can go
/// uncounted. Kept in memory, per node.
actor ReadingDaysCache {
    /// How long a remembered set is trusted at most. 10 minutes.
    static let maximumAge: TimeInterval = 10 * 60

    private struct Entry {
        let monthStart: Date
        let days: Set<Date>
        let computedAt: Date
    }

    private var entries: [PatientID: Entry] = [:]

    /// The remembered days of `patient` for the month starting at
    /// `monthStart`, if they are still valid for a newest reading on `newestDay`.
    func days(of patient: PatientID, monthStart: Date, newestDay: Date?, now: Date) -> Set<Date>? {
        guard let entry = entries[patient], entry.monthStart == monthStart,
            now.timeIntervalSince(entry.computedAt) < Self.maximumAge, now >= entry.computedAt
        else { return nil }
        if let newestDay, newestDay >= monthStart, !entry.days.contains(newestDay) { return nil }
        return entry.days
    }

    /// Remembers freshly computed days.
    func remember(_ days: Set<Date>, of patient: PatientID, monthStart: Date, now: Date) {
        if entries.count > 100_000 { entries.removeAll() }
        entries[patient] = Entry(monthStart: monthStart, days: days, computedAt: now)
    }
}
