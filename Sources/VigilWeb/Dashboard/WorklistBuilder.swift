import Foundation
import VigilCore
import VigilStore

/// Gathers the worklist of one visitor: the patients they may see, each with
/// latest readings, NEWS2, active alerts and days with readings, ordered by
/// urgency. Visibility comes from `PatientRepository`; one audit record
/// (`worklist.read`, with the count) covers the list, as the API's list routes do.
///
/// Cost per load: one query for the patients, one for all their active
/// alerts, and per patient its latest readings. The NEWS2 trend comes from
/// `NEWS2TrendCache` (re-read only after a new total) and days with readings
/// from `ReadingDaysCache` (recomputed, one bucket query per type read this
/// month, only when a patient's newest reading opens a new day).
struct WorklistBuilder {
    let dependencies: WebDependencies
    let caller: SecureRoutes.Caller

    /// How many patients are loaded at once.
    static let concurrency = 8

    func entries() async throws -> [WorklistEntry] {
        let patients = try await PatientRepository(store: dependencies.store, caller: caller).visiblePatients()
        let now = dependencies.now()
        let monthStart = Calendar.utc.dateInterval(of: .month, for: now)?.start ?? now
        let alerts = try await activeAlerts(of: patients.map(\.id))
        let loader = Loader(
            store: dependencies.store, days: dependencies.readingDays, trends: dependencies.news2Trends,
            monthStart: monthStart, now: now)
        var entries: [WorklistEntry] = []
        entries.reserveCapacity(patients.count)
        try await withThrowingTaskGroup(of: WorklistEntry.self) { group in
            var next = patients.makeIterator()
            for _ in 0..<Self.concurrency {
                guard let patient = next.next() else { break }
                group.addTask { try await loader.entry(for: patient, alerts: alerts[patient.id] ?? []) }
            }
            while let entry = try await group.next() {
                entries.append(entry)
                if let patient = next.next() {
                    group.addTask { try await loader.entry(for: patient, alerts: alerts[patient.id] ?? []) }
                }
            }
        }
        try await caller.auditor.record("worklist.read", detail: "count=\(entries.count)")
        return entries.sorted(by: WorklistEntry.moreUrgent)
    }

    /// Open and acknowledged alerts of the patients, in as few queries as the
    /// store's page size allows.
    private func activeAlerts(of patients: [PatientID]) async throws -> [PatientID: [Alert]] {
        var result: [PatientID: [Alert]] = [:]
        let pageSize = AlertQuery.maximumLimit
        var chunkSize = 200
        var start = 0
        while start < patients.count {
            let chunk = Array(patients[start..<min(start + chunkSize, patients.count)])
            let alerts = try await dependencies.store.alerts.alerts(
                matching: AlertQuery(states: [.open, .acknowledged], patients: chunk, limit: pageSize))
            if alerts.count >= pageSize && chunk.count > 1 {
                chunkSize = max(1, chunk.count / 2)
                continue
            }
            for alert in alerts { result[alert.patientID, default: []].append(alert) }
            start += chunk.count
        }
        return result
    }

    /// Loads one patient's row data.
    private struct Loader: Sendable {
        let store: any Store
        let days: ReadingDaysCache
        let trends: NEWS2TrendCache
        let monthStart: Date
        let now: Date

        func entry(for patient: Patient, alerts: [Alert]) async throws -> WorklistEntry {
            let latest = try await store.readings.latest(of: patient.id)
            let trend = try await news2Trend(of: patient.id, latest: latest)
            return WorklistEntry(
                patient: patient, latest: latest, news2: trend?.current, previousNews2: trend?.previous,
                activeAlerts: alerts.sorted { $0.severity > $1.severity },
                daysWithReadings: try await daysWithReadings(of: patient.id, latest: latest))
        }

        /// The current and previous NEWS2 totals; the history is read only
        /// when a total newer than the remembered one exists.
        private func news2Trend(of patient: PatientID, latest: [Reading]) async throws -> NEWS2TrendCache.Trend? {
            guard let newest = latest.first(where: { $0.type == .news2Score }) else { return nil }
            if let known = await trends.trend(of: patient, measuredAt: newest.measuredAt) { return known }
            let scores = try await store.readings.readings(of: patient, matching: ReadingQuery(type: .news2Score, limit: 2))
            guard let current = scores.first else { return nil }
            let trend = NEWS2TrendCache.Trend(
                measuredAt: current.measuredAt, current: Int(current.value), previous: scores.dropFirst().first.map { Int($0.value) })
            await trends.remember(trend, of: patient)
            return trend
        }

        private func daysWithReadings(of patient: PatientID, latest: [Reading]) async throws -> Int {
            let deviceReadings = latest.filter { !$0.type.isDerived && $0.measuredAt >= monthStart }
            let newestDay = deviceReadings.map(\.measuredAt).max().flatMap { Calendar.utc.dateInterval(of: .day, for: $0)?.start }
            if let known = await days.days(of: patient, monthStart: monthStart, newestDay: newestDay, now: now) {
                return known.count
            }
            var found = Set<Date>()
            let day = BucketWidth(seconds: 86_400)!
            for reading in deviceReadings {
                let buckets = try await store.readings.buckets(
                    of: patient, type: reading.type, from: monthStart, to: now.addingTimeInterval(1), width: day)
                found.formUnion(buckets.map(\.start))
            }
            await days.remember(found, of: patient, monthStart: monthStart, now: now)
            return found.count
        }
    }
}
