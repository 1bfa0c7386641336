import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore

/// `GET|PUT /api/v1/patients/{id}/rules`: presets until a clinician stores
/// rules, then the stored rules, which live evaluation follows.
struct RulesAPITests {
    struct RulesBody: Decodable {
        struct RuleBody: Decodable {
            let id: String
            let enabled: Bool
        }
        let source: String
        let rules: [RuleBody]
        let presets: [String: [RuleBody]]
    }

    @Test func presetsApplyUntilEditedRulesAreStoredAndThenTheEditedRulesFire() async throws {
        let clock = TestClock.dayBehind()
        try await TestWorld.with(now: { clock.now }) { world, client in
            try await world.setConditions(["hypertension"], client)
            let uri = "/api/v1/patients/\(world.patientA.id)/rules"
            let initial = try await client.execute(uri: uri, method: .get, headers: world.headers(.assignedClinician))
            #expect(initial.status == .ok)
            let presets = try initial.json(RulesBody.self)
            #expect(presets.source == "presets")
            #expect(presets.rules.map(\.id).first == "preset.hypertension.systolic-critical")
            #expect(presets.presets.keys.sorted() == ["copd", "diabetes", "heartFailure", "hypertension"])

            // The clinician switches the high rules off and lowers the critical threshold to 170.
            let edited = """
                {"formatVersion":1,"rules":[
                  {"id":"preset.hypertension.systolic-critical","name":"Systolic ≥ 170 mmHg","severity":"critical",
                   "condition":{"kind":"threshold","type":"systolic","comparison":">=","value":170}},
                  {"id":"preset.hypertension.systolic-high","severity":"high","enabled":false,
                   "condition":{"kind":"threshold","type":"systolic","comparison":">=","value":160}}]}
                """
            let stored = try await client.execute(
                uri: uri, method: .put, headers: world.headers(.assignedClinician), body: .json(edited))
            #expect(stored.status == .ok, "\(stored.text)")
            #expect(try stored.json(RulesBody.self).source == "stored")

            let device = try await world.createDevice(client)
            try await world.post(Vitals(systolic: 172), client, device: device)
            let alerts = try await world.alerts(client)
            #expect(alerts.map(\.ruleId) == ["preset.hypertension.systolic-critical"])
            #expect(alerts.first?.title == "Systolic ≥ 170 mmHg" && alerts.first?.severity == "critical")
        }
    }

    @Test func onlyTheCareTeamAndAdminsChangeRulesAndInvalidRulesAreRefused() async throws {
        try await TestWorld.with { world, client in
            let uri = "/api/v1/patients/\(world.patientA.id)/rules"
            let body = ByteBuffer.json(#"{"formatVersion":1,"rules":[]}"#)
            let outsider = try await client.execute(uri: uri, method: .get, headers: world.headers(.unassignedClinician))
            #expect(outsider.status == .notFound)
            let outsiderPut = try await client.execute(
                uri: uri, method: .put, headers: world.headers(.unassignedClinician), body: body)
            #expect(outsiderPut.status == .notFound)
            let patientPut = try await client.execute(uri: uri, method: .put, headers: world.headers(.patientA), body: body)
            #expect(patientPut.status == .forbidden)
            let own = try await client.execute(uri: uri, method: .get, headers: world.headers(.patientA))
            #expect(own.status == .ok)

            let reserved = try await client.execute(
                uri: uri, method: .put, headers: world.headers(.admin),
                body: .json(
                    #"{"formatVersion":1,"rules":[{"id":"news2","severity":"low","condition":{"kind":"threshold","type":"heartRate","comparison":">","value":100}}]}"#
                ))
            #expect(reserved.status == .badRequest && reserved.errorCode == "reserved_rule_id")
            let invalid = try await client.execute(
                uri: uri, method: .put, headers: world.headers(.admin),
                body: .json(
                    #"{"formatVersion":1,"rules":[{"id":"w","severity":"low","condition":{"kind":"trend","type":"bodyWeight","direction":"rise","amount":0,"windowSeconds":60}}]}"#
                ))
            #expect(invalid.status == .badRequest && invalid.errorCode == "invalid_trend_amount")
            let future = try await client.execute(
                uri: uri, method: .put, headers: world.headers(.admin), body: .json(#"{"formatVersion":9,"rules":[]}"#))
            #expect(future.status == .badRequest)
            let admin = try await client.execute(uri: uri, method: .put, headers: world.headers(.admin), body: body)
            #expect(admin.status == .ok)
        }
    }
}
