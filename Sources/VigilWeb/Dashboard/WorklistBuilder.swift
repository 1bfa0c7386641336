import Foundation
import VigilCore
import VigilStore

/// Gathers the worklist of one visitor: the patients they may see, each with
/// latest readings, NEWS2, active alerts and days with readings, ordered by
/// urgency. Visibility comes from `PatientRepository`; one audit record
/// (`worklist.read`, with the count) covers the list, as the API's list routes do.
///
/// Cost per load: one query for the patients, one for all their active
/// alerts, one for their latest readings of the types a row shows and one for
/// their last two NEWS2 totals (`ReadingStore.newest`), and one for when
/// each last had a reading of any other device type (`ReadingStore.lastMeasured`,
/// which reads no readings); days with readings come from `ReadingDaysCache`,
/// recomputed (one bucket query per type read this month) only when a
/// patient's newest reading opens a new day.
struct WorklistBuilder {
    let dependencies: WebDependencies
    let caller: SecureRoutes.Caller

    /// How many patients are loaded at once.
    static let concurrency = 8

    /// The device types a row does not show: only when they were last
    /// measured counts (the time of the last reading, days with readings).
    static let otherDeviceTypes = VitalType.allCases.filter {
        !$0.isDerived && !WorklistRowView.readingTypes.contains($0)
    }

    func entries() async throws -> [WorklistEntry] {
        let patients = try await PatientRepository(store: dependencies.store, caller: caller).visiblePatients()
        let now = dependencies.now()
        let monthStart = Calendar.utc.dateInterval(of: .month, for: now)?.start ?? now
        let ids = patients.map(\.id)
        let alerts = try await activeAlerts(of: ids)
        let readings = dependencies.store.readings
        let latest = Dictionary(
            grouping: try await readings.newest(1, of: WorklistRowView.readingTypes, for: ids), by: \.patientID)
        let otherLastMeasured = try await readings.lastMeasured(of: Self.otherDeviceTypes, for: ids)
        let scores = Dictionary(grouping: try await readings.newest(2, of: [.news2Score], for: ids), by: \.patientID)
        let loader = Loader(store: dependencies.store, days: dependencies.readingDays, monthStart: monthStart, now: now)
        var entries: [WorklistEntry] = []
        entries.reserveCapacity(patients.count)
        try await withThrowingTaskGroup(of: WorklistEntry.self) { group in
            var next = patients.makeIterator()
            for _ in 0..<Self.concurrency {
                guard let patient = next.next() else { break }
                group.addTask {
                    try await loader.entry(
                        for: patient, latest: latest[patient.id] ?? [], otherLastMeasured: otherLastMeasured[patient.id],
                        scores: scores[patient.id] ?? [], alerts: alerts[patient.id] ?? [])
                }
            }
            while let entry = try await group.next() {
                entries.append(entry)
                if let patient = next.next() {
                    group.addTask {
                        try await loader.entry(
                            for: patient, latest: latest[patient.id] ?? [],
                            otherLastMeasured: otherLastMeasured[patient.id], scores: scores[patient.id] ?? [],
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

        /// The row of `patient`, given its latest reading of each type a row
        /// shows, when it last had a reading of another device type, and its
        /// last two NEWS2 totals (newest first).
        func entry(
            for patient: Patient, latest: [Reading], otherLastMeasured: Date?, scores: [Reading], alerts: [Alert]
        ) async throws -> WorklistEntry {
            let lastReadingAt = (latest.map(\.measuredAt) + [otherLastMeasured].compactMap { $0 }).max()
            return WorklistEntry(
                patient: patient, latest: latest, lastReadingAt: lastReadingAt, news2: scores.first.map { Int($0.value) },
                previousNews2: scores.dropFirst().first.map { Int($0.value) },
                activeAlerts: alerts.count < 2 ? alerts : alerts.sorted { $0.severity > $1.severity },
                daysWithReadings: try await daysWithReadings(
                    of: patient.id, latest: latest, otherLastMeasured: otherLastMeasured, lastReadingAt: lastReadingAt))
        }

        private func daysWithReadings(
            of patient: PatientID, latest: [Reading], otherLastMeasured: Date?, lastReadingAt: Date?
        ) async throws -> Int {
            let newestDay = lastReadingAt.flatMap { $0 >= monthStart ? UTCDateParts.startOfDay($0) : nil }
            if let known = await days.days(of: patient, monthStart: monthStart, newestDay: newestDay, now: now) {
                return known.count
            }
            // Types read this month; of those a row does not show, only whether any was read is known: ask all.
            var types = latest.filter { $0.measuredAt >= monthStart }.map(\.type)
            if let otherLastMeasured, otherLastMeasured >= monthStart { types += WorklistBuilder.otherDeviceTypes }
            var found = Set<Date>()
            let day = BucketWidth(seconds: 86_400)!
            for type in types {
                let buckets = try await store.readings.buckets(
                    of: patient, type: type, from: monthStart, to: now.addingTimeInterval(1), width: day)
                found.formUnion(buckets.map(\.start))
            }
            await days.remember(found, of: patient, monthStart: monthStart, now: now)
            return found.count
        }
    }
}
