import Foundation
import HummingbirdTesting
import Testing
import VigilApp
import VigilSecurity

/// A master-key rotation re-wraps webhook signing secrets too, the current one
/// and the previous one of a rotation overlap, so retiring the old keys leaves
/// every endpoint able to sign.
struct WebhookSecretRewrapTests {
    @Test func endpointSecretsSurviveAMasterKeyRotationAndTheOldKeysRetirement() async throws {
        try await TestWorld.with(webhookRelay: false) { world, client in
            struct Created: Decodable { let id: String; let secret: String }
            let created = try await client.execute(
                uri: "/api/v1/webhooks", method: .post, headers: world.headers(.admin),
                body: .json(#"{"url":"https://ehr.example.test/hooks","events":["alert.created"]}"#))
            try #require(created.status == .created, "\(created.text)")
            let first = try created.json(Created.self)
            let rotated = try await client.execute(
                uri: "/api/v1/webhooks/\(first.id)/secret/rotate", method: .post, headers: world.headers(.admin))
            try #require(rotated.status == .ok, "\(rotated.text)")
            let second = try rotated.json(Created.self)

            let rotation = MasterKeyRotation(store: world.store, dataDirectory: world.dataDirectory)
            let report = try await rotation.rotate()
            #expect(report.rewrappedWebhookSecrets == 1)
            _ = try await rotation.retireOldKeys()

            let endpoint = try #require(try await world.store.webhooks.endpoints().first { $0.id.rawValue == first.id })
            let previous = try #require(endpoint.previousSealedSecret)
            for sealed in [endpoint.sealedSecret, previous] {
                #expect(try SealedSecret(text: sealed).masterKeyID == report.activeKeyID)
            }
            let vault = world.assembly.vault
            #expect(String(decoding: try await vault.open(text: endpoint.sealedSecret), as: UTF8.self) == second.secret)
            #expect(String(decoding: try await vault.open(text: previous), as: UTF8.self) == first.secret)
            #expect(try await rotation.rewrap().rewrappedWebhookSecrets == 0)
        }
    }
}
