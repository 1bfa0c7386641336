import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigilAnalytics
import VigilCore
import VigilMonitoring
@testable import VigilWeb

/// The rules page's form editor: presets switched and edited, threshold
/// rules added and removed, and saving through the rules API's validation.
struct DashboardRulesFormTests {
    /// Patient A with hypertension, so its presets are in effect.
    static func hypertensive(_ world: TestWorld) async throws {
        var patient = world.patientA
        patient.conditions = [.hypertension]
        try await world.store.patients.update(patient)
    }

    static func stored(_ world: TestWorld) async throws -> RuleSet? {
        try await world.store.rules.rules(of: world.patientA.id).map { try JSONDecoder().decode(RuleSet.self, from: $0.json) }
    }

    @Test
    func clinicianSwitchesPresetsEditsAThresholdAndAddsARule() async throws {
        try await TestWorld.with { world, client in
            try await Self.hypertensive(world)
            let clinician = try await DashboardVisitor.signIn("dr-a", client)
            let path = "/dashboard/patients/\(world.patientA.id)/rules"
            let page = try await clinician.get(path, client)
            #expect(page.text.contains("action=\"\(path)/form\""))
            #expect(page.text.contains("name=\"value.preset.hypertension.systolic-critical\" value=\"180\""))
            #expect(page.text.contains("name=\"amount.preset.heart-failure.weight-gain-24h\" value=\"1\""))
            #expect(page.text.contains("<textarea id=\"rules\""))

            let body = [
                "csrf=\(clinician.csrf)",
                "enabled=preset.hypertension.systolic-critical", "enabled=preset.hypertension.diastolic-critical",
                "enabled=preset.hypertension.systolic-high", "enabled=preset.copd.spo2-low",
                "value.preset.hypertension.systolic-critical=170", "value.preset.hypertension.diastolic-critical=120",
                "value.preset.hypertension.systolic-high=160", "value.preset.hypertension.diastolic-high=100",
                "value.preset.copd.spo2-low=90", "value.preset.diabetes.glucose-low=70",
                "new.type=heartRate", "new.comparison=%3E", "new.value=120", "new.duration=10", "new.severity=high",
                "new.name=Fast+pulse",
            ].joined(separator: "&")
            let saved = try await client.execute(
                uri: path + "/form", method: .post,
                headers: [.cookie: clinician.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: body))
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(saved.text.contains("Rules saved."))
            #expect(saved.text.contains("In effect: stored rules."))

            let rules = try #require(try await Self.stored(world)).rules
            let byID = Dictionary(uniqueKeysWithValues: rules.map { ($0.id.rawValue, $0) })
            let systolic = try #require(byID["preset.hypertension.systolic-critical"])
            #expect(systolic.condition == .threshold(ThresholdCondition(type: .systolic, comparison: .greaterThanOrEqual, value: 170)))
            #expect(systolic.name.contains("170") && systolic.isEnabled)
            #expect(byID["preset.hypertension.diastolic-critical"]?.name == "Diastolic ≥ 120 mmHg")
            #expect(byID["preset.hypertension.diastolic-high"]?.isEnabled == false)
            #expect(byID["preset.copd.spo2-low"]?.isEnabled == true)
            #expect(byID["preset.copd.spo2-low"]?.condition == .threshold(ThresholdCondition(type: .spo2, comparison: .lessThan, value: 90)))
            #expect(byID["preset.diabetes.glucose-low"] == nil)
            let added = try #require(rules.last)
            #expect(added.id.rawValue.hasPrefix("rule."))
            #expect(added.name == "Fast pulse" && added.severity == .high && added.isEnabled)
            #expect(added.condition == .threshold(ThresholdCondition(type: .heartRate, comparison: .greaterThan, value: 120, duration: 600)))
            let stored = try #require(try await world.store.rules.rules(of: world.patientA.id))
            #expect(stored.updatedBy == (try await world.user(.assignedClinician)).id)

            // Remove the added rule; everything else stays as saved.
            let removed = try await clinician.post(
                path + "/form",
                ["remove": added.id.rawValue, "enabled": added.id.rawValue], client)
            #expect(removed.status == .ok, "\(removed.text)")
            let after = try #require(try await Self.stored(world)).rules
            #expect(!after.contains { $0.id == added.id })
            #expect(after.count == rules.count - 1)
            // Unchecked rules were switched off, their numbers kept.
            #expect(after.allSatisfy { !$0.isEnabled })
            #expect(after.first { $0.id.rawValue == "preset.hypertension.systolic-critical" }?.condition == systolic.condition)
        }
    }

    @Test
    func formIsValidatedLikeTheRulesAPIAndChangesNothingWhenRefused() async throws {
        try await TestWorld.with { world, client in
            try await Self.hypertensive(world)
            let admin = try await DashboardVisitor.signIn("admin", client)
            let path = "/dashboard/patients/\(world.patientA.id)/rules/form"
            let notANumber = try await admin.post(path, ["value.preset.hypertension.systolic-critical": "high"], client)
            #expect(notANumber.status == .badRequest)
            #expect(notANumber.text.contains("is not a number"))
            let negative = try await admin.post(
                path, ["new.type": "spo2", "new.comparison": "<", "new.value": "90", "new.duration": "-5", "new.severity": "high"],
                client)
            #expect(negative.status == .badRequest)
            #expect(negative.text.contains("invalid_duration"))
            let incomplete = try await admin.post(path, ["new.type": "spo2", "new.comparison": "<", "new.severity": "high"], client)
            #expect(incomplete.status == .badRequest)
            let trend = try await admin.post(
                path, ["enabled": "preset.heart-failure.weight-gain-24h", "amount.preset.heart-failure.weight-gain-24h": "0"],
                client)
            #expect(trend.status == .badRequest)
            #expect(trend.text.contains("invalid_trend_amount"))
            #expect(try await world.store.rules.rules(of: world.patientA.id) == nil)
        }
    }

    @Test
    func rulesTheFormCannotEditAreKeptAsTheyAre() throws {
        let trend = Rule(
            id: RuleID("my-trend"), name: "Weight drop", severity: .medium,
            condition: .trend(TrendCondition(type: .bodyWeight, direction: .fall, amount: 2, window: 3 * 86_400)))
        let sustained = Rule(
            id: RuleID("my-spo2"), severity: .critical,
            condition: .threshold(ThresholdCondition(type: .spo2, comparison: .lessThan, value: 88, duration: 600)))
        let form = RuleSetForm(current: RuleSet(rules: [trend, sustained]))
        #expect(form.rows.count == 2 + RulePresets.rules(for: Condition.allCases).count)
        #expect(form.rows[0].suffix == " in 72 h" && form.rows[0].relation == "fall ≥")
        #expect(form.rows[1].suffix == " for 10 min")
        let result = try form.ruleSet(
            from: FormBody(text: "enabled=my-trend&enabled=my-spo2&value.my-spo2=85&amount.my-trend=2"),
            newID: { RuleID("unused") })
        var edited = sustained
        edited.condition = .threshold(ThresholdCondition(type: .spo2, comparison: .lessThan, value: 85, duration: 600))
        edited.name = edited.condition.summary
        #expect(result == RuleSet(rules: [trend, edited]))
    }
}
