import Foundation
import Testing
import VigilAnalytics
import VigilCore

/// Rules are stored as JSON per patient with a format version.
struct RuleCodingTests {
    static let custom = Rule(
        id: RuleID("custom.spo2-sustained"), name: "SpO2 below 90 for 10 minutes", severity: .high, isEnabled: false,
        condition: .threshold(ThresholdCondition(type: .spo2, comparison: .lessThan, value: 90, duration: 600)))

    @Test func ruleSetsRoundTripThroughJSON() throws {
        let set = RuleSet(rules: RulePresets.rules(for: Condition.allCases) + [Self.custom])
        let data = try JSONEncoder().encode(set)
        #expect(try JSONDecoder().decode(RuleSet.self, from: data) == set)
    }

    @Test func encodesAVersionedFlatDocument() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(RuleSet(rules: [Self.custom])), as: UTF8.self)
        #expect(
            json == """
                {"formatVersion":1,"rules":[{"condition":{"comparison":"<","durationSeconds":600,"kind":"threshold",\
                "type":"spo2","value":90},"enabled":false,"id":"custom.spo2-sustained",\
                "name":"SpO2 below 90 for 10 minutes","severity":"high"}]}
                """)
    }

    @Test func decodesAHandWrittenDocumentWithDefaults() throws {
        let json = """
            {"formatVersion": 1, "rules": [
              {"id": "custom.weight", "severity": "medium",
               "condition": {"kind": "trend", "type": "bodyWeight", "direction": "rise", "amount": 1.5, "windowSeconds": 172800}},
              {"id": "custom.hr", "severity": "low", "name": "Fast pulse",
               "condition": {"kind": "threshold", "type": "heartRate", "comparison": ">=", "value": 120}}
            ]}
            """
        let set = try JSONDecoder().decode(RuleSet.self, from: Data(json.utf8))
        #expect(set.rules.count == 2)
        #expect(set.rules[0].isEnabled)
        #expect(
            set.rules[0].condition
                == .trend(TrendCondition(type: .bodyWeight, direction: .rise, amount: 1.5, window: days(2))))
        #expect(set.rules[0].name == "Body weight rise ≥ 1.5 kg in 2 d")
        #expect(set.rules[1].name == "Fast pulse")
        #expect(
            set.rules[1].condition
                == .threshold(ThresholdCondition(type: .heartRate, comparison: .greaterThanOrEqual, value: 120)))
    }

    @Test func refusesMissingOrNewerFormatVersions() {
        for json in [#"{"rules": []}"#, #"{"formatVersion": 2, "rules": []}"#, #"{"formatVersion": 0, "rules": []}"#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(RuleSet.self, from: Data(json.utf8)) }
        }
    }

    @Test func refusesUnknownKindsAndComparisons() {
        let unknownKind =
            #"{"formatVersion":1,"rules":[{"id":"x","severity":"low","condition":{"kind":"magic","type":"spo2"}}]}"#
        let unknownComparison =
            #"{"formatVersion":1,"rules":[{"id":"x","severity":"low","condition":{"kind":"threshold","type":"spo2","comparison":"=","value":1}}]}"#
        for json in [unknownKind, unknownComparison] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(RuleSet.self, from: Data(json.utf8)) }
        }
    }

    @Test func firingsEncodeTheirEvidence() throws {
        let firing = RuleFiring(
            ruleID: RuleID("preset.copd.spo2-low"), severity: .high, type: .spo2,
            evidence: .threshold(value: 86, measuredAt: Fixtures.now, since: Fixtures.now, readingCount: 1, extreme: 86)
        )
        let data = try JSONEncoder().encode(firing)
        #expect(try JSONDecoder().decode(RuleFiring.self, from: data) == firing)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let evidence = try #require(object["evidence"] as? [String: Any])
        #expect((evidence["threshold"] as? [String: Any])?["value"] as? Double == 86)
    }

    @Test func defaultNamesSummariseTheCondition() {
        let rule = Rule(
            id: RuleID("x"), severity: .low,
            condition: .threshold(
                ThresholdCondition(type: .systolic, comparison: .greaterThan, value: 150.5, duration: 90)))
        #expect(rule.name == "Systolic blood pressure > 150.5 mm[Hg] for 90 s")
    }

    @Test(arguments: [
        (
            Rule(
                id: RuleID(""), severity: .low,
                condition: .threshold(ThresholdCondition(type: .spo2, comparison: .lessThan, value: 90))),
            RuleSetError.Code.emptyID
        ),
        (
            Rule(
                id: RuleID("a"), severity: .low,
                condition: .threshold(ThresholdCondition(type: .spo2, comparison: .lessThan, value: .nan))),
            .invalidThreshold
        ),
        (
            Rule(
                id: RuleID("a"), severity: .low,
                condition: .threshold(ThresholdCondition(type: .spo2, comparison: .lessThan, value: 90, duration: -1))),
            .invalidDuration
        ),
        (
            Rule(
                id: RuleID("a"), severity: .low,
                condition: .trend(TrendCondition(type: .bodyWeight, amount: 0, window: 60))), .invalidAmount
        ),
        (
            Rule(
                id: RuleID("a"), severity: .low,
                condition: .trend(TrendCondition(type: .bodyWeight, amount: 1, window: 0))), .invalidWindow
        ),
        (
            Rule(
                id: RuleID("a"), severity: .low,
                condition: .trend(TrendCondition(type: .consciousness, amount: 1, window: 60))), .invalidTrendType
        ),
    ])
    func validationNamesTheProblem(_ rule: Rule, _ code: RuleSetError.Code) {
        #expect(throws: RuleSetError(code, ruleID: rule.id)) { try RuleSet(rules: [rule]).validate() }
    }

    @Test func validationRefusesDuplicateIDs() {
        let rules = RulePresets.rules(for: .copd) + RulePresets.rules(for: .copd)
        #expect(throws: RuleSetError(.duplicateID, ruleID: RuleID("preset.copd.spo2-low"))) {
            try RuleSet(rules: rules).validate()
        }
    }
}
