import Crypto
import Foundation

/// Checks a shared access signature the way Azure IoT Hub does: expiry,
/// resource (by whole path segments) and an HMAC compared in constant time
/// against each of the device's keys.
///
/// A pure value: no I/O, no clock of its own (`now` is an argument).
public struct SASVerifier: Sendable {
    /// Which of a device's two keys signed a token.
    public enum KeySlot: String, Sendable, Hashable, CaseIterable {
        /// The primary key.
        case primary
        /// The secondary key.
        case secondary
    }

    /// The keys a device may sign with: raw bytes (base64-decoded). Either may
    /// be absent, for example while one is being rotated.
    public struct CandidateKeys: Sendable {
        /// The primary key's bytes.
        public var primary: Data?
        /// The secondary key's bytes.
        public var secondary: Data?

        /// Candidate keys for a device.
        public init(primary: Data?, secondary: Data?) {
            self.primary = primary
            self.secondary = secondary
        }
    }

    /// A verifier.
    public init() {}

    /// The resource URI IoT Hub signs for a device, or for a module of it:
    /// `{hostName}/devices/{deviceID}[/modules/{moduleID}]`, not percent-encoded.
    public static func resource(hostName: String, deviceID: String, moduleID: String? = nil) -> String {
        var resource = "\(hostName)/devices/\(deviceID)"
        if let moduleID { resource += "/modules/\(moduleID)" }
        return resource
    }

    /// Checks a token's text; a token that does not parse is `malformed`.
    ///
    /// - Returns: the key that signed the token.
    public func verify(
        tokenText: String, resource: String, keys: CandidateKeys, now: Date
    ) throws(SASVerificationError) -> KeySlot {
        let token: SASToken
        do {
            token = try SASToken(parsing: tokenText)
        } catch {
            throw .malformed
        }
        return try verify(token, resource: resource, keys: keys, now: now)
    }

    /// Checks a parsed token.
    ///
    /// - Parameters:
    ///   - token: the token the device presented.
    ///   - resource: what the device is acting as, from ``resource(hostName:deviceID:moduleID:)``.
    ///   - keys: the device's keys.
    ///   - now: the current time; the token's `se` must be later.
    /// - Returns: the key that signed the token.
    /// - Throws: `expired`, `wrong_resource`, `malformed` (the signature is not
    ///   base64) or `bad_signature`.
    public func verify(
        _ token: SASToken, resource: String, keys: CandidateKeys, now: Date
    ) throws(SASVerificationError) -> KeySlot {
        guard TimeInterval(token.expiry) > now.timeIntervalSince1970 else { throw .expired }
        guard Self.resource(token.resource, covers: resource) else { throw .wrongResource }
        guard let presented = Data(base64Encoded: token.signature) else { throw .malformed }
        let signedText = Data(SASToken.signedText(encodedResource: token.encodedResource, expiry: token.expiry).utf8)
        // Check both keys whatever the first result, so timing does not reveal which one matched.
        let primaryMatches = keys.primary.map { Self.isValid(presented, for: signedText, key: $0) } ?? false
        let secondaryMatches = keys.secondary.map { Self.isValid(presented, for: signedText, key: $0) } ?? false
        if primaryMatches { return .primary }
        if secondaryMatches { return .secondary }
        throw .badSignature
    }

    /// Whether a token's decoded resource covers the expected one: equal to it,
    /// or a prefix of it ending at a `/`. The host (up to the first `/`) is
    /// compared ignoring case, the path exactly; `host/devices/a` covers
    /// `host/devices/a/modules/m` but not `host/devices/ab`.
    public static func resource(_ tokenResource: String, covers expected: String) -> Bool {
        let (tokenHost, tokenPath) = splitHost(tokenResource)
        let (expectedHost, expectedPath) = splitHost(expected)
        guard !tokenHost.isEmpty, tokenHost.lowercased().utf8.elementsEqual(expectedHost.lowercased().utf8) else {
            return false
        }
        guard let tokenPath else { return true }
        guard let expectedPath else { return false }
        // Bytes, not Characters: String comparison treats canonically equivalent text as equal.
        let tokenBytes = Array(tokenPath.utf8)
        let expectedBytes = Array(expectedPath.utf8)
        if tokenBytes == expectedBytes { return true }
        return tokenBytes.count < expectedBytes.count && tokenBytes.last != UInt8(ascii: "/")
            && expectedBytes.starts(with: tokenBytes) && expectedBytes[tokenBytes.count] == UInt8(ascii: "/")
    }

    /// The host and the rest (after the first `/`, nil when there is none).
    private static func splitHost(_ resource: String) -> (host: Substring, path: Substring?) {
        guard let slash = resource.firstIndex(of: "/") else { return (resource[...], nil) }
        return (resource[..<slash], resource[resource.index(after: slash)...])
    }

    /// Constant-time check of a presented HMAC.
    private static func isValid(_ presented: Data, for signedText: Data, key: Data) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(presented, authenticating: signedText, using: SymmetricKey(data: key))
    }
}
