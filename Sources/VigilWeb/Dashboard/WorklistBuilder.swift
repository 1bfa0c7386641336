import Foundation
import VigilCore
import VigilStore

/// Gathers the worklist of one visitor: the patients they may see, each with
/// latest readings, NEWS2, active alerts and days with readings, ordered by
/// urgency. Visibility comes from `PatientRepository`; one audit record
/// (`worklist.read`, with the count) covers the list, as the API's list routes do.
struct WorklistBuilder {
    let dependencies: WebDependencies
    let caller: SecureRoutes.Caller

    /// How many patients are loaded at once.
    static let concurrency = 8

    func entries() async throws -> [WorklistEntry] {
        let patients = try await PatientRepository(store: dependencies.store, caller: caller).visiblePatients()
        let now = dependencies.now()
        let monthStart = Calendar.utc.dateInterval(of: .month, for: now)?.start ?? now
        let store = dependencies.store
        var entries: [WorklistEntry] = []
        entries.reserveCapacity(patients.count)
        try await withThrowingTaskGroup(of: WorklistEntry.self) { group in
            var next = patients.makeIterator()
            for _ in 0..<Self.concurrency {
                guard let patient = next.next() else { break }
                group.addTask { try await Self.entry(for: patient, store: store, monthStart: monthStart, now: now) }
            }
            while let entry = try await group.next() {
                entries.append(entry)
                if let patient = next.next() {
                    group.addTask { try await Self.entry(for: patient, store: store, monthStart: monthStart, now: now) }
                }
            }
        }
        try await caller.auditor.record("worklist.read", detail: "count=\(entries.count)")
        return entries.sorted(by: WorklistEntry.moreUrgent)
    }

    private static func entry(
        for patient: Patient, store: any Store, monthStart: Date, now: Date
    ) async throws -> WorklistEntry {
        let latest = try await store.readings.latest(of: patient.id)
        let alerts = try await store.alerts.activeAlerts(of: patient.id)
        var news2: Int?
        var previous: Int?
        if latest.contains(where: { $0.type == .news2Score }) {
            let scores = try await store.readings.readings(
                of: patient.id, matching: ReadingQuery(type: .news2Score, limit: 2))
            news2 = scores.first.map { Int($0.value) }
            previous = scores.dropFirst().first.map { Int($0.value) }
        }
        var days = Set<Date>()
        let day = BucketWidth(seconds: 86_400)!
        for reading in latest where !reading.type.isDerived && reading.measuredAt >= monthStart {
            let buckets = try await store.readings.buckets(
                of: patient.id, type: reading.type, from: monthStart, to: now.addingTimeInterval(1), width: day)
            days.formUnion(buckets.map(\.start))
        }
        return WorklistEntry(
            patient: patient, latest: latest, news2: news2, previousNews2: previous,
            activeAlerts: alerts.sorted { $0.severity > $1.severity }, daysWithReadings: days.count)
    }
}
