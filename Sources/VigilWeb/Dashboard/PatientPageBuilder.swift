import Foundation
import VigilAnalytics
import VigilCore
import VigilStore

/// Gathers a patient page after checking the visitor may see the patient
/// (`PatientRepository`, audited as `patient.read`; 404 otherwise). Readings
/// are audited as `observation.read`, alerts through `AlertRepository`.
/// Patient users get readings and charts only: no alerts, no devices.
struct PatientPageBuilder {
    let dependencies: WebDependencies
    let visitor: DashboardContext.Visitor

    /// The types charted, in this order, when the patient has them.
    static let chartedTypes: [VitalType] = [
        .respiratoryRate, .spo2, .systolic, .diastolic, .heartRate, .bodyTemperature, .bodyWeight, .bloodGlucose,
        .inhaledOxygenFlow, .steps,
    ]

    func model(for id: PatientID, range: ChartRange) async throws -> PatientPageModel {
        let caller = visitor.caller
        let patient = try await PatientRepository(store: dependencies.store, caller: caller).patient(id)
        let store = dependencies.store
        let now = dependencies.now()
        let from = now.addingTimeInterval(-range.duration)
        let latest = try await store.readings.latest(of: id)
        try await caller.auditor.record("observation.read", patient: id, detail: "dashboard range=\(range.rawValue)")
        let byType = Dictionary(latest.map { ($0.type, $0) }, uniquingKeysWith: { $0.measuredAt > $1.measuredAt ? $0 : $1 })
        let oxygen: OxygenStatus = (byType[.supplementalOxygen]?.value ?? 0) > 0 ? .oxygen : .air

        // Each type's buckets are one aggregate query; run them side by side.
        let types = Self.chartedTypes.filter { byType[$0] != nil } + (byType[.news2Score] != nil ? [.news2Score] : [])
        let bucketsByType = try await withThrowingTaskGroup(of: (VitalType, [ReadingBucket]).self) { group in
            for type in types {
                group.addTask {
                    (type, try await store.readings.buckets(of: id, type: type, from: from, to: now, width: range.bucket))
                }
            }
            var result: [VitalType: [ReadingBucket]] = [:]
            for try await (type, buckets) in group { result[type] = buckets }
            return result
        }
        let charts = types.filter { $0 != .news2Score }.map {
            chart($0, buckets: bucketsByType[$0] ?? [], from: from, to: now, range: range, scale: patient.news2Scale)
        }
        let news2Chart = bucketsByType[.news2Score].map {
            chart(.news2Score, buckets: $0, from: from, to: now, range: range, scale: patient.news2Scale)
        }

        let isStaff = visitor.user.role != .patient
        var alerts: [PatientPageModel.AlertRow] = []
        var devices: [PatientPageModel.DeviceRow] = []
        if isStaff {
            alerts = try await AlertRepository(dependencies: dependencies, caller: caller)
                .list(states: [], patient: id, limit: 50).map { alertRow($0, patient: id, now: now) }
            let lastByDevice = Dictionary(
                latest.compactMap { reading in reading.deviceID.map { ($0, reading.receivedAt) } }, uniquingKeysWith: max)
            devices = try await store.devices.devices(of: id).map { device in
                PatientPageModel.DeviceRow(
                    id: device.id.rawValue, status: device.isDisabled ? "disabled" : "enabled",
                    lastReading: lastByDevice[device.id].map { DashboardTime.stamp($0, now: now) })
            }
            try await caller.auditor.record("device.list", patient: id, detail: "count=\(devices.count)")
        }
        let news2 = byType[.news2Score].map { Int($0.value) }
        return PatientPageModel(
            patientID: id.rawValue, name: patient.displayName, news2: news2.map(String.init) ?? "—",
            news2Class: news2.map(VitalDisplay.totalClass) ?? "", isStaff: isStaff,
            rulesPath: DashboardPaths.patient(id) + "/rules",
            ranges: ChartRange.allCases.map {
                .init(label: $0.label, path: DashboardPaths.patient(id) + "?range=" + $0.rawValue, current: $0 == range)
            },
            rangeLabel: range.label,
            latest: latest.filter { $0.type != .news2Score }.sorted { $0.type.displayName < $1.type.displayName }.map {
                let score = VitalDisplay.subScore($0.type, $0.value, scale: patient.news2Scale, oxygen: oxygen)
                return .init(
                    name: $0.type.displayName, value: VitalDisplay.format($0.value, type: $0.type),
                    score: score.map(String.init), scoreClass: score.map { "s\($0)" } ?? "",
                    time: DashboardTime.stamp($0.measuredAt, now: now))
            },
            charts: charts, news2Chart: news2Chart, alerts: alerts, hasAlerts: !alerts.isEmpty, devices: devices,
            hasDevices: !devices.isEmpty)
    }

    private func chart(
        _ type: VitalType, buckets: [ReadingBucket], from: Date, to: Date, range: ChartRange, scale: NEWS2Scale
    ) -> PatientPageModel.Chart {
        let title = "\(type.displayName) over \(range.label)"
        let chart = TrendChart(
            title: title, buckets: buckets, from: from, to: to, width: range.bucket,
            thresholds: VitalThreshold.of(type, scale: scale))
        let summary: String
        if buckets.isEmpty {
            summary = "No readings in this period."
        } else {
            let count = buckets.reduce(0) { $0 + $1.count }
            let total = buckets.reduce(0.0) { $0 + $1.avg * Double($1.count) }
            let low = buckets.map(\.min).min() ?? 0
            let high = buckets.map(\.max).max() ?? 0
            summary =
                "\(count) reading\(count == 1 ? "" : "s"); lowest \(VitalDisplay.format(low, type: type)), highest \(VitalDisplay.format(high, type: type)), average \(VitalDisplay.format(total / Double(max(count, 1)), type: type))."
        }
        return .init(title: title, svg: chart.svg(id: "chart-\(type.rawValue)"), summary: summary)
    }

    private func alertRow(_ alert: Alert, patient: PatientID, now: Date) -> PatientPageModel.AlertRow {
        .init(
            id: alert.id.rawValue, title: alert.title, severity: alert.severity.rawValue, state: alert.state.rawValue,
            firstFired: DashboardTime.stamp(alert.firstFiredAt, now: now), occurrences: alert.occurrences,
            note: alert.resolutionNote ?? alert.acknowledgementNote,
            acknowledgePath: alert.state == .open ? DashboardPaths.acknowledge(alert.id) : nil,
            resolvePath: alert.state != .resolved ? DashboardPaths.resolve(alert.id) : nil,
            csrf: visitor.session.csrfToken, returnPath: DashboardPaths.patient(patient))
    }
}
