import Foundation
import VigilCore
import VigilStore

/// Gathers the worklist of one visitor: the patients they may see, each with
/// latest readings, NEWS2, active alerts and days with readings, ordered by
/// urgency. Visibility comes from `PatientRepository`; one audit record
/// (`worklist.read`, with the count) covers the list, as the API's list routes do.
///
/// Cost per load: one query for the patients, one for all their active
/// alerts, one for all their latest readings and one for their last two
/// NEWS2 totals (`ReadingStore.newest`); days with readings come from
/// `ReadingDaysCache`, recomputed (one bucket query per type read this month)
/// only when a patient's newest reading opens a new day.
struct WorklistBuilder {
    let dependencies: WebDependencies
    let caller: SecureRoutes.Caller

    /// How many patients are loaded at once.
    static let concurrency = 8

    func entries() async throws -> [WorklistEntry] {
        let patients = try await PatientRepository(store: dependencies.store, caller: caller).visiblePatients()
        let now = dependencies.now()
        let monthStart = Calendar.utc.dateInterval(of: .month, for: now)?.start ?? now
        let ids = patients.map(\.id)
        let alerts = try await activeAlerts(of: ids)
        let latest = Dictionary(
            grouping: try await dependencies.store.readings.newest(1, of: VitalType.allCases, for: ids), by: \.patientID)
        let scores = Dictionary(
            grouping: try await dependencies.store.readings.newest(2, of: [.news2Score], for: ids), by: \.patientID)
        let loader = Loader(store: dependencies.store, days: dependencies.readingDays, monthStart: monthStart, now: now)
        var entries: [WorklistEntry] = []
        entries.reserveCapacity(patients.count)
        try await withThrowingTaskGroup(of: WorklistEntry.self) { group in
            var next = patients.makeIterator()
            for _ in 0..<Self.concurrency {
                guard let patient = next.next() else { break }
                group.addTask {
                    try await loader.entry(
                        for: patient, latest: latest[patient.id] ?? [], scores: scores[patient.id] ?? [],
                        alerts: alerts[patient.id] ?? [])
                }
            }
            while let entry = try await group.next() {
                entries.append(entry)
                if let patient = next.next() {
                    group.addTask {
                        try await loader.entry(
                            for: patient, latest: latest[patient.id] ?? [], scores: scores[patient.id] ?? [],
                            alerts: alerts[patient.id] ?? [])
                    }
                }
            }
        }
        try await caller.auditor.record("worklist.read", detail: "count=\(entries.count)")
        // Indices are sorted, not the entries: moving whole entries costs more than comparing them.
        return entries.indices.sorted { WorklistEntry.moreUrgent(entries[$0], entries[$1]) }.map { entries[$0] }
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
            for alert in alerts {
                if let patient = alert.patientID { result[patient, default: []].append(alert) }
            }
            start += chunk.count
        }
        return result
    }

    /// Loads one patient's row data.
    private struct Loader: Sendable {
        let store: any Store
        let days: ReadingDaysCache
        let monthStart: Date
        let now: Date

        /// The row of `patient`, given its latest reading of each type and its
        /// last two NEWS2 totals (newest first).
        func entry(for patient: Patient, latest: [Reading], scores: [Reading], alerts: [Alert]) async throws
            -> WorklistEntry
        {
            return WorklistEntry(
                patient: patient, latest: latest, news2: scores.first.map { Int($0.value) },
                previousNews2: scores.dropFirst().first.map { Int($0.value) },
                activeAlerts: alerts.count < 2 ? alerts : alerts.sorted { $0.severity > $1.severity },
                daysWithReadings: try await daysWithReadings(of: patient.id, latest: latest))
        }

        private func daysWithReadings(of patient: PatientID, latest: [Reading]) async throws -> Int {
            let deviceReadings = latest.filter { !$0.type.isDerived && $0.measuredAt >= monthStart }
            let newestDay = deviceReadings.map(\.measuredAt).max().map(UTCDateParts.startOfDay)
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
