import Crypto
import Foundation
import Testing

@testable import VigilSecurity

@Suite struct SASTokenTests {
    /// The device key used by the vectors below: base64 of the bytes 0...31.
    static let deviceKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

    /// Made with Python's `urllib.parse.quote(uri, safe="")`, `hmac` and
    /// `base64`, the way azure-iot-device's `SasToken` builds tokens.
    static let pythonToken =
        "SharedAccessSignature sr=vigil.example%2Fdevices%2Fdev%3A1%40x&sig=QFgLfEW3JRMWPnp20Nqa38S5d8TZ7cAGZzft1Io9MzY%3D&se=1900000000"
    static let pythonTokenWithKeyName =
        "SharedAccessSignature sr=localhost%2Fdevices%2Fbp-cuff-7&sig=oHGQT1s%2BI0z8%2Bna4aEARMI5mONzbltomEHP%2Bq22v%2Bdc%3D&se=1893456000&skn=device"

    @Test func makesTheSameTokenAsThePythonSDK() throws {
        let token = try SASToken.make(
            resource: "vigil.example/devices/dev:1@x", base64Key: Self.deviceKey,
            expiry: Date(timeIntervalSince1970: 1_900_000_000.75))
        #expect(token == Self.pythonToken)
        let named = try SASToken.make(
            resource: "localhost/devices/bp-cuff-7", base64Key: Self.deviceKey,
            expiry: Date(timeIntervalSince1970: 1_893_456_000), keyName: "device")
        #expect(named == Self.pythonTokenWithKeyName)
    }

    @Test func matchesAnHMACComputedIndependently() throws {
        let key = Data(base64Encoded: Self.deviceKey)!
        let resource = "hub.example/devices/pulse-ox 9"
        // By hand: percent-encode everything but A-Z a-z 0-9 - . _ ~, then HMAC "sr\nse".
        let encoded = "hub.example%2Fdevices%2Fpulse-ox%209"
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("\(encoded)\n1700000000".utf8), using: SymmetricKey(data: key))
        let signature = Data(mac).base64EncodedString()
        let expected =
            "SharedAccessSignature sr=\(encoded)&sig="
            + signature.replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F")
            .replacingOccurrences(of: "=", with: "%3D") + "&se=1700000000"
        #expect(
            SASToken.make(resource: resource, key: key, expiry: Date(timeIntervalSince1970: 1_700_000_000)) == expected)
    }

    @Test func percentEncodesSpecialCharactersInTheDeviceID() throws {
        let token = try SASToken(parsing: Self.pythonToken)
        #expect(token.encodedResource == "vigil.example%2Fdevices%2Fdev%3A1%40x")
        #expect(token.resource == "vigil.example/devices/dev:1@x")
        #expect(
            PercentEncoding.encode("a-b_c.d~e f/g:h@i+j=k%l&m#n?o!p*q(r)s,t$u'v")
                == "a-b_c.d~e%20f%2Fg%3Ah%40i%2Bj%3Dk%25l%26m%23n%3Fo%21p%2Aq%28r%29s%2Ct%24u%27v")
        #expect(PercentEncoding.encode("é") == "%C3%A9")
    }

    @Test func parsesFieldsInAnyOrder() throws {
        let token = try SASToken(
            parsing: "SharedAccessSignature skn=owner&se=1900000000&sig=abc%3D&sr=hub%2Fdevices%2Fa")
        #expect(token.encodedResource == "hub%2Fdevices%2Fa")
        #expect(token.resource == "hub/devices/a")
        #expect(token.signature == "abc=")
        #expect(token.expiry == 1_900_000_000)
        #expect(token.keyName == "owner")
    }

    @Test func roundTripsThroughItsText() throws {
        let token = try SASToken(parsing: Self.pythonTokenWithKeyName)
        #expect(token.text == Self.pythonTokenWithKeyName)
        #expect(try SASToken(parsing: token.text) == token)
    }

    @Test func descriptionLeavesTheSignatureOut() throws {
        let token = try SASToken(parsing: Self.pythonToken)
        #expect(!token.description.contains("QFgLfEW3"))
        #expect(!String(describing: token).contains(token.signature))
    }

    @Test(arguments: [
        ("sr=a&sig=b&se=1", "missing_prefix"),
        ("SharedAccessSignature sig=b&se=1", "missing_field"),
        ("SharedAccessSignature sr=a&se=1", "missing_field"),
        ("SharedAccessSignature sr=a&sig=b", "missing_field"),
        ("SharedAccessSignature sr=a&sig=b&se=1&foo=2", "unknown_field"),
        ("SharedAccessSignature sr=a&sig=b&se=1&SR=a", "unknown_field"),
        ("SharedAccessSignature sr=a&sig=b&se=1&se=2", "duplicate_field"),
        ("SharedAccessSignature sr=a&sig=b&se=1&skn=x&skn=y", "duplicate_field"),
        ("SharedAccessSignature sr=&sig=b&se=1", "empty_value"),
        ("SharedAccessSignature sr=a&sig=b&se=1&skn=", "empty_value"),
        ("SharedAccessSignature sr=a&sig=b&se=soon", "invalid_expiry"),
        ("SharedAccessSignature sr=a&sig=b&se=-5", "invalid_expiry"),
        ("SharedAccessSignature sr=a&sig=b&se=1.5", "invalid_expiry"),
        ("SharedAccessSignature sr=a&sig=b&se=99999999999999999999", "invalid_expiry"),
        ("SharedAccessSignature sr=a&sig=b&se=1&", "malformed_field"),
        ("SharedAccessSignature sr=a&sig&se=1", "malformed_field"),
        ("SharedAccessSignature sr=a%2&sig=b&se=1", "invalid_encoding"),
        ("SharedAccessSignature sr=a%FF&sig=b&se=1", "invalid_encoding"),
    ])
    func rejectsMalformedTokensWithADistinctCode(text: String, code: String) {
        #expect(throws: SASTokenError.self) { try SASToken(parsing: text) }
        do {
            _ = try SASToken(parsing: text)
        } catch {
            #expect(error.code == code)
            #expect(!error.description.contains("sig=b"))
        }
    }

    @Test func rejectsOverlongTokens() {
        let text = "SharedAccessSignature sr=\(String(repeating: "a", count: 5000))&sig=b&se=1"
        #expect(throws: SASTokenError.tooLong) { try SASToken(parsing: text) }
    }
}
