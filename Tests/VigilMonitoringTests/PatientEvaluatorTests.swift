import Foundation
import Testing
import VigilAnalytics
import VigilCore
import VigilMonitoring

/// One patient's evaluation as a pure function.
struct PatientEvaluatorTests {
    static let now = Date(millisecondsSince1970: 1_800_000_000_000)
    static let patient = Patient(id: PatientID("p-1"), displayName: "Test", createdAt: now)
    let evaluator = PatientEvaluator()

    static func reading(_ type: VitalType, _ value: Double, minutesAgo: Double = 1) -> Reading {
        Reading(
            patientID: patient.id, deviceID: DeviceID("d"), type: type, value: value,
            measuredAt: now.addingTimeInterval(-minutesAgo * 60), receivedAt: now)
    }

    static func input(
        _ latest: [Reading], rules: [Rule] = [], active: [Alert] = [], patient: Patient = patient
    ) -> PatientEvaluationInput {
        PatientEvaluationInput(
            patient: patient, rules: rules, history: ReadingHistory(latest), latest: latest, activeAlerts: active,
            now: now, assessBaseline: false)
    }

    static let deteriorated = [
        reading(.respiratoryRate, 26), reading(.spo2, 92), reading(.systolic, 98), reading(.heartRate, 115),
        reading(.bodyTemperature, 38.6, minutesAgo: 3),
    ]

    @Test func news2IsStoredAsAReadingAtTheNewestObservationWithACriticalAlert() throws {
        let outcome = evaluator.evaluate(Self.input(Self.deteriorated))
        let reading = try #require(outcome.news2Reading)
        #expect(reading.type == .news2Score && reading.value == 10 && reading.deviceID == nil)
        #expect(reading.measuredAt == Self.now.addingTimeInterval(-60))
        #expect(outcome.news2?.score.riskLevel == .high && outcome.news2?.previousTotal == nil)
        #expect(outcome.changes.map(\.alert.ruleID) == ["news2"])
        #expect(outcome.changes.first?.alert.severity == .critical)
    }

    @Test func unchangedTotalStoresNoNewReading() {
        let previous = Self.reading(.news2Score, 10, minutesAgo: 30)
        let outcome = evaluator.evaluate(Self.input(Self.deteriorated + [previous]))
        #expect(outcome.news2Reading == nil && outcome.news2 == nil)
    }

    @Test func readingsOutsideTheWindowOrWithoutNEWS2ParametersScoreNothing() {
        #expect(evaluator.evaluate(Self.input([Self.reading(.heartRate, 140, minutesAgo: 61)])).isEmpty)
        #expect(evaluator.evaluate(Self.input([Self.reading(.bodyWeight, 80)])).isEmpty)
    }

    @Test func lowRiskStoresTheScoreButRaisesNoAlert() {
        let outcome = evaluator.evaluate(Self.input([Self.reading(.heartRate, 95)]))
        #expect(outcome.news2Reading?.value == 1)
        #expect(outcome.news2?.score.isPartial == true)
        #expect(outcome.changes.isEmpty)
    }

    @Test func presetRulesFireWithTheirOwnIdsAndReservedIdsAreIgnored() {
        let diabetes = RulePresets.rules(for: .diabetes)
        let forged = Rule(
            id: RuleID("news2"), severity: .low,
            condition: .threshold(ThresholdCondition(type: .bloodGlucose, comparison: .lessThan, value: 500)))
        let outcome = evaluator.evaluate(Self.input([Self.reading(.bloodGlucose, 50)], rules: diabetes + [forged]))
        #expect(
            outcome.changes.map(\.alert.ruleID) == ["preset.diabetes.glucose-low", "preset.diabetes.glucose-very-low"])
        #expect(outcome.changes.map(\.alert.severity) == [.high, .critical])
    }

    @Test func noDataAlertIsResolvedWhenTheTypeSpeaksAgain() throws {
        let silent = Alert(
            patientID: Self.patient.id, ruleID: "no-data.bodyWeight", title: "No data", severity: .medium,
            firstFiredAt: Self.now.addingTimeInterval(-3600), createdAt: Self.now.addingTimeInterval(-3600), version: 1)
        let stillSilent = evaluator.evaluate(Self.input([Self.reading(.heartRate, 70)], active: [silent]))
        #expect(stillSilent.changes.filter { $0.alert.ruleID == "no-data.bodyWeight" }.isEmpty)
        let outcome = evaluator.evaluate(Self.input([Self.reading(.bodyWeight, 80)], active: [silent]))
        let change = try #require(outcome.changes.first)
        #expect(change.kind == .resolved && change.alert.resolvedBy == nil)
        #expect(change.alert.resolutionNote == PatientEvaluator.dataArrivedNote)
    }
}
