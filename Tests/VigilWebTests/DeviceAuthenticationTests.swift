import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore
import VigilSecurity

/// The SAS matrix: every way a device token can be wrong is a 401, and each refusal is audited.
struct DeviceAuthenticationTests {
    enum BadToken: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case expired, otherDevice, prefixDevice, tamperedSignature, missingExpiry, unknownField, wrongHost
        case disabledDevice, rotatedAwayKey, noToken, garbage
        var testDescription: String { rawValue }
    }

    @Test(arguments: BadToken.allCases)
    func refusesTheTokenAndAuditsTheRefusal(_ bad: BadToken) async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client, id: "a")
            let other = try await world.createDevice(client, id: "ab")
            var target = device
            var token: String? = try device.token()
            switch bad {
            case .expired:
                token = try device.token(expiry: Date().addingTimeInterval(-1))
            case .otherDevice:
                token = try other.token()
            case .prefixDevice:
                // A token for /devices/a, signed with a's key, used for device ab.
                target = other
                token = try device.token()
            case .tamperedSignature:
                let valid = try device.token()
                let signature = valid.range(of: "sig=")!.upperBound
                let flipped: Character = valid[signature] == "A" ? "B" : "A"
                token = valid.replacingCharacters(in: signature...signature, with: String(flipped))
            case .missingExpiry:
                token = try device.token().replacingOccurrences(of: #"&se=\d+"#, with: "", options: .regularExpression)
            case .unknownField:
                token = try device.token() + "&extra=1"
            case .wrongHost:
                token = try device.token(host: "other-hub.example")
            case .disabledDevice:
                _ = try await client.execute(uri: "/api/v1/devices/a/disable", method: .post, headers: world.headers(.admin))
            case .rotatedAwayKey:
                let rotated = try await client.execute(
                    uri: "/api/v1/devices/a/keys/rotate", method: .post, headers: world.headers(.admin),
                    body: .json(#"{"key":"primary"}"#))
                #expect(rotated.status == .ok)
            case .noToken:
                token = ""
            case .garbage:
                token = "SharedAccessSignature nonsense"
            }
            let response = try await world.send(client, device: target, body: #"{"heartRate": 72}"#, token: token)
            #expect(response.status == .unauthorized)
            #expect(response.errorCode == "unauthorized")
            #expect(try await world.readings(client).isEmpty)
            let refusals = try await world.store.audit.recent(limit: 50, patient: nil)
                .filter { $0.entry.action == "device.telemetry" && $0.entry.outcome == .denied }
            #expect(refusals.count == 1)
            #expect(refusals.first?.entry.detail?.contains("device=\(target.deviceId)") == true)
        }
    }

    @Test func secondaryKeyWorksAndTheOtherKeySurvivesRotation() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client)
            #expect(try await world.send(client, device: device, body: #"{"heartRate": 70}"#, token: device.token(key: device.secondaryKey)).status == .noContent)
            let rotated = try await client.execute(
                uri: "/api/v1/devices/\(device.deviceId)/keys/rotate", method: .post, headers: world.headers(.admin),
                body: .json(#"{"key":"primary"}"#))
            let fresh = try rotated.json(TestDevice.self)
            #expect(fresh.primaryKey != device.primaryKey)
            #expect(fresh.secondaryKey == device.secondaryKey)
            #expect(try await world.send(client, device: device, body: #"{"heartRate": 71}"#, token: device.token(key: device.secondaryKey)).status == .noContent)
            #expect(try await world.send(client, device: device, body: #"{"heartRate": 72}"#, token: fresh.token()).status == .noContent)
            #expect(try await world.readings(client).count == 3)
        }
    }

    @Test func deviceIdsWithSpecialCharactersAuthenticate() async throws {
        try await TestWorld.with { world, client in
            let device = try await world.createDevice(client, id: "dev:1@x")
            #expect(try await world.send(client, device: device, body: #"{"heartRate": 70}"#).status == .noContent)
        }
    }
}
