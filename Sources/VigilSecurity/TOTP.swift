import Crypto
import Foundation

/// Time-based one-time passwords as RFC 6238 defines them, with HMAC-SHA-1
/// (the algorithm every authenticator app supports).
///
/// A code is the HOTP value (RFC 4226) of the time step `floor(unix time /
/// period)`. Verification accepts the steps within `tolerance` of the current
/// one, compares in constant time, and returns the step that matched so the
/// caller can refuse it the next time (a code is good once).
public struct TOTP: Sendable {
    /// How codes are made and checked.
    public struct Configuration: Sendable, Hashable {
        /// Digits per code. Default 6.
        public var digits: Int
        /// Seconds per time step. Default 30.
        public var period: Int
        /// Steps before and after the current one that are also accepted, for
        /// clock drift and typing time. Default 1.
        public var tolerance: Int

        public init(digits: Int = 6, period: Int = 30, tolerance: Int = 1) {
            precondition((1...9).contains(digits) && period > 0 && tolerance >= 0, "invalid TOTP configuration")
            self.digits = digits
            self.period = period
            self.tolerance = tolerance
        }
    }

    /// Bytes of a freshly generated secret: 160 bits, RFC 4226's recommendation for SHA-1.
    public static let secretByteCount = 20

    private let key: SymmetricKey
    /// The settings codes are made with.
    public let configuration: Configuration

    /// A generator for the shared secret `secret`.
    public init(secret: some ContiguousBytes, configuration: Configuration = .init()) {
        key = SymmetricKey(data: secret)
        self.configuration = configuration
    }

    /// A fresh random secret.
    public static func generateSecret() -> [UInt8] {
        SecureRandom.bytes(secretByteCount)
    }

    /// The time step of a moment: whole periods since 1970.
    public func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(configuration.period)).rounded(.down))
    }

    /// The code of a moment.
    public func code(at date: Date) -> String {
        code(forStep: step(at: date))
    }

    /// The code of a time step, zero-padded to `digits`.
    public func code(forStep step: Int64) -> String {
        let counter = withUnsafeBytes(of: UInt64(bitPattern: step).bigEndian) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: counter, using: key))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary =
            UInt32(mac[offset] & 0x7F) << 24 | UInt32(mac[offset + 1]) << 16 | UInt32(mac[offset + 2]) << 8
            | UInt32(mac[offset + 3])
        let modulus = (0..<configuration.digits).reduce(UInt32(1)) { value, _ in value * 10 }
        let digits = String(binary % modulus)
        return String(repeating: "0", count: configuration.digits - digits.count) + digits
    }

    /// The step, within `tolerance` of the one at `date`, whose code is
    /// `presented`; nil if none matches. Spaces in `presented` are ignored.
    /// Every candidate is compared in full, in constant time, so timing
    /// reveals neither which step matched nor how much of a code was right.
    public func matchingStep(_ presented: String, at date: Date) -> Int64? {
        let typed = Array(presented.utf8.filter { $0 != UInt8(ascii: " ") })
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        guard typed.count == configuration.digits, typed.allSatisfy(digits.contains) else { return nil }
        let now = step(at: date)
        var matched: Int64?
        for candidate in (now - Int64(configuration.tolerance))...(now + Int64(configuration.tolerance)) {
            let expected = Array(code(forStep: candidate).utf8)
            var difference: UInt8 = 0
            for index in expected.indices { difference |= expected[index] ^ typed[index] }
            if difference == 0 { matched = candidate }
        }
        return matched
    }

    /// The `otpauth://` key URI that authenticator apps read (Google
    /// Authenticator's key URI format): `otpauth://totp/{issuer}:{account}?secret=…&issuer={issuer}`.
    /// The defaults (SHA-1, 6 digits, 30 s) are left implicit, as apps assume them.
    public static func keyURI(secret: some Sequence<UInt8>, account: String, issuer: String) -> String {
        let label = PercentEncoding.encode(issuer) + ":" + PercentEncoding.encode(account)
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(PercentEncoding.encode(issuer))"
    }
}
