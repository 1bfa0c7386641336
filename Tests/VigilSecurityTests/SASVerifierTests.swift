import Foundation
import Testing

@testable import VigilSecurity

@Suite struct SASVerifierTests {
    let verifier = SASVerifier()
    let primary = Data((0..<32).map { UInt8($0) })
    let secondary = Data((0..<32).map { UInt8(100 + $0) })
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    var keys: SASVerifier.CandidateKeys { .init(primary: primary, secondary: secondary) }

    func token(_ resource: String, key: Data? = nil, expiresIn lifetime: TimeInterval = 3600) -> String {
        SASToken.make(resource: resource, key: key ?? primary, expiry: now + lifetime)
    }

    func failure(
        _ text: String, resource: String = "hub.example/devices/a", keys: SASVerifier.CandidateKeys? = nil
    ) -> String? {
        do {
            _ = try verifier.verify(tokenText: text, resource: resource, keys: keys ?? self.keys, now: now)
            return nil
        } catch {
            return error.code
        }
    }

    @Test func acceptsTokenSignedWithThePrimaryKey() throws {
        let slot = try verifier.verify(
            tokenText: token("hub.example/devices/a"), resource: "hub.example/devices/a", keys: keys, now: now)
        #expect(slot == .primary)
    }

    @Test func acceptsTokenSignedWithTheSecondaryKey() throws {
        let slot = try verifier.verify(
            tokenText: token("hub.example/devices/a", key: secondary), resource: "hub.example/devices/a", keys: keys,
            now: now)
        #expect(slot == .secondary)
    }

    @Test func acceptsThePythonSDKToken() throws {
        let slot = try verifier.verify(
            tokenText: SASTokenTests.pythonToken,
            resource: SASVerifier.resource(hostName: "vigil.example", deviceID: "dev:1@x"),
            keys: .init(primary: Data(base64Encoded: SASTokenTests.deviceKey), secondary: nil),
            now: Date(timeIntervalSince1970: 1_899_999_999))
        #expect(slot == .primary)
    }

    @Test func rejectsTokenSignedWithARotatedAwayKey() {
        let text = token("hub.example/devices/a", key: secondary)
        let rotated = SASVerifier.CandidateKeys(primary: primary, secondary: Data(repeating: 7, count: 32))
        #expect(failure(text, keys: rotated) == "bad_signature")
        #expect(failure(text, keys: .init(primary: primary, secondary: nil)) == "bad_signature")
    }

    @Test func rejectsExpiredToken() {
        #expect(failure(token("hub.example/devices/a", expiresIn: -1)) == "expired")
        #expect(failure(token("hub.example/devices/a", expiresIn: 0)) == "expired")
    }

    @Test func rejectsTokenForAnotherDevice() {
        #expect(failure(token("hub.example/devices/b")) == "wrong_resource")
    }

    @Test func rejectsTokenWhoseDeviceIsAPrefixOfAnother() {
        #expect(failure(token("hub.example/devices/a"), resource: "hub.example/devices/ab") == "wrong_resource")
        #expect(
            failure(token("hub.example/devices/a/"), resource: "hub.example/devices/a/modules/m") == "wrong_resource")
    }

    @Test func acceptsDeviceTokenForOneOfItsModules() throws {
        let slot = try verifier.verify(
            tokenText: token("hub.example/devices/a"),
            resource: SASVerifier.resource(hostName: "hub.example", deviceID: "a", moduleID: "m"), keys: keys, now: now)
        #expect(slot == .primary)
    }

    @Test func rejectsTokenForAnotherHost() {
        #expect(failure(token("other.example/devices/a")) == "wrong_resource")
        #expect(failure(token("hub.example.evil/devices/a")) == "wrong_resource")
    }

    @Test func comparesTheHostIgnoringCaseAndThePathExactly() throws {
        #expect(
            try verifier.verify(
                tokenText: token("HUB.Example/devices/a"), resource: "hub.example/devices/a", keys: keys, now: now)
                == .primary)
        #expect(failure(token("hub.example/Devices/a")) == "wrong_resource")
        #expect(failure(token("hub.example/devices/A")) == "wrong_resource")
    }

    @Test func rejectsTamperedSignature() throws {
        let parsed = try SASToken(parsing: token("hub.example/devices/a"))
        var signature = Data(base64Encoded: parsed.signature)!
        signature[0] ^= 1
        let tampered = parsed.text.replacingOccurrences(
            of: PercentEncoding.encode(parsed.signature),
            with: PercentEncoding.encode(signature.base64EncodedString()))
        #expect(tampered != parsed.text)
        #expect(failure(tampered) == "bad_signature")
    }

    @Test func rejectsTamperedExpiry() throws {
        let text = token("hub.example/devices/a")
        let later = text.replacingOccurrences(
            of: "&se=\(Int(now.timeIntervalSince1970) + 3600)", with: "&se=1900000000")
        #expect(later != text)
        #expect(failure(later) == "bad_signature")
    }

    @Test func rejectsTokenWithMissingField() {
        #expect(failure("SharedAccessSignature sr=hub.example%2Fdevices%2Fa&se=1900000000") == "malformed")
    }

    @Test func rejectsTokenWithUnknownField() {
        #expect(failure(token("hub.example/devices/a") + "&extra=1") == "malformed")
    }

    @Test func rejectsSignatureThatIsNotBase64() {
        #expect(failure("SharedAccessSignature sr=hub.example%2Fdevices%2Fa&sig=%%%%&se=1900000000") == "malformed")
        #expect(
            failure("SharedAccessSignature sr=hub.example%2Fdevices%2Fa&sig=not-base64!&se=1900000000") == "malformed")
    }

    @Test func rejectsTokenWhenTheDeviceHasNoKeys() {
        #expect(failure(token("hub.example/devices/a"), keys: .init(primary: nil, secondary: nil)) == "bad_signature")
    }

    @Test func errorsCarryNoSecrets() throws {
        let text = token("hub.example/devices/a", key: Data(repeating: 9, count: 32))
        let signature = try SASToken(parsing: text).signature
        do {
            _ = try verifier.verify(tokenText: text, resource: "hub.example/devices/a", keys: keys, now: now)
            Issue.record("expected a failure")
        } catch {
            #expect(!error.description.contains(signature))
            #expect(!error.description.contains(primary.base64EncodedString()))
        }
    }

    @Test func matchesResourcesByWholeSegments() {
        #expect(SASVerifier.resource("h/devices/a", covers: "h/devices/a"))
        #expect(SASVerifier.resource("h/devices/a", covers: "h/devices/a/modules/m"))
        #expect(SASVerifier.resource("h/devices", covers: "h/devices/a"))
        #expect(SASVerifier.resource("h", covers: "h/devices/a"))
        #expect(!SASVerifier.resource("h/devices/a", covers: "h/devices/ab"))
        #expect(!SASVerifier.resource("h/devices/a", covers: "h/devices"))
        #expect(!SASVerifier.resource("h/dev", covers: "h/devices/a"))
        #expect(!SASVerifier.resource("", covers: "h/devices/a"))
        #expect(!SASVerifier.resource("h/", covers: "h/devices/a"))
        #expect(!SASVerifier.resource("h/devices/e\u{301}", covers: "h/devices/\u{e9}"))
    }
}
