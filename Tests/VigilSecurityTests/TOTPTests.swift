import Foundation
import Testing
import VigilSecurity

/// RFC 6238 time-based one-time passwords: the RFC's own test vectors, the
/// tolerance window, and what is refused.
struct TOTPTests {
    /// The RFC's SHA-1 seed: the ASCII bytes of "12345678901234567890".
    static let seed = Array("12345678901234567890".utf8)

    /// RFC 6238 Appendix B, SHA-1 rows: Unix time → 8-digit TOTP.
    static let vectors: [(time: TimeInterval, code: String)] = [
        (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ]

    @Test(arguments: vectors)
    func eightDigitCodesMatchTheRFCVectors(time: TimeInterval, code: String) {
        let totp = TOTP(secret: Self.seed, configuration: .init(digits: 8))
        #expect(totp.code(at: Date(timeIntervalSince1970: time)) == code)
    }

    @Test(arguments: vectors)
    func sixDigitCodesAreTheVectorsLastSixDigits(time: TimeInterval, code: String) {
        let totp = TOTP(secret: Self.seed)
        let date = Date(timeIntervalSince1970: time)
        #expect(totp.code(at: date) == String(code.suffix(6)))
        #expect(totp.matchingStep(String(code.suffix(6)), at: date) == Int64(time) / 30)
    }

    @Test
    func acceptsOneStepEitherSideButNotTwo() {
        let totp = TOTP(secret: Self.seed)
        let now = Date(timeIntervalSince1970: 1_111_111_111)
        let step = totp.step(at: now)
        for offset: Int64 in [-1, 0, 1] {
            #expect(totp.matchingStep(totp.code(forStep: step + offset), at: now) == step + offset)
        }
        for offset: Int64 in [-2, 2] {
            #expect(totp.matchingStep(totp.code(forStep: step + offset), at: now) == nil)
        }
    }

    @Test(arguments: ["", "12345", "1234567", "12a456", "١٢٣٤٥٦"])
    func refusesWhatIsNotSixDigits(code: String) {
        #expect(TOTP(secret: Self.seed).matchingStep(code, at: Date(timeIntervalSince1970: 59)) == nil)
    }

    @Test
    func ignoresSpacesPeopleTypeInCodes() {
        let totp = TOTP(secret: Self.seed)
        #expect(totp.matchingStep("287 082", at: Date(timeIntervalSince1970: 59)) == 1)
    }

    @Test
    func base32RoundTripsAndMatchesRFC4648() {
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.encode(Array("f".utf8)) == "MY")
        #expect(Base32.decode("mzxw 6ytb oi======").map { String(decoding: $0, as: UTF8.self) } == "foobar")
        #expect(Base32.decode("MZ1W") == nil)
        let secret = TOTP.generateSecret()
        #expect(secret.count == 20)
        #expect(Base32.decode(Base32.encode(secret)) == secret)
    }

    @Test
    func keyURINamesIssuerAndAccountForAuthenticatorApps() {
        let uri = TOTP.keyURI(secret: Array("foobar".utf8), account: "ada@ward 3", issuer: "Vigil")
        #expect(uri == "otpauth://totp/Vigil:ada%40ward%203?secret=MZXW6YTBOI&issuer=Vigil")
    }
}
