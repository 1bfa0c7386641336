import Foundation
import VigilSecurity

/// An endpoint signing secret as shown to its owner: `whsec_` and the base64 of
/// random bytes. The HMAC key is the decoded bytes.
public struct WebhookSecret: Sendable, Hashable, CustomStringConvertible {
    /// The prefix of the shown form.
    public static let prefix = "whsec_"

    /// The HMAC key.
    public let key: Data

    /// A secret over `key`.
    public init(key: Data) { self.key = key }

    /// Parses `whsec_{base64}` (the prefix is optional); nil when it is not base64 of 24–64 bytes.
    public init?(text: String) {
        let encoded = text.hasPrefix(Self.prefix) ? String(text.dropFirst(Self.prefix.count)) : text
        guard let key = Data(base64Encoded: encoded), (24...64).contains(key.count) else { return nil }
        self.key = key
    }

    /// A new secret of 32 random bytes.
    public static func generate() -> WebhookSecret {
        WebhookSecret(key: Data(SecureRandom.bytes(32)))
    }

    /// The shown form, `whsec_{base64}`.
    public var text: String { Self.prefix + key.base64EncodedString() }

    /// Never the secret itself.
    public var description: String { "WebhookSecret(\(key.count) bytes)" }
}
