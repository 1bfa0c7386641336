import Crypto
import Foundation

/// An Azure IoT Hub shared access signature:
/// `SharedAccessSignature sr={resource}&sig={signature}&se={expiry}[&skn={key name}]`.
///
/// Parsing keeps `sr` exactly as received (still percent-encoded), because the
/// signature is computed over that text. ``description`` leaves the signature out.
public struct SASToken: Sendable, Hashable, CustomStringConvertible {
    /// The text every token starts with.
    public static let prefix = "SharedAccessSignature "
    /// Longest token accepted by the parser, in UTF-8 bytes.
    public static let maximumLength = 4096

    /// `sr` as received, still percent-encoded; the signature covers this text.
    public let encodedResource: String
    /// `sr` percent-decoded, such as `hub.example/devices/cuff-1`.
    public let resource: String
    /// `sig` percent-decoded: the base64 text of the HMAC-SHA256.
    public let signature: String
    /// `se`: when the token expires, in Unix seconds.
    public let expiry: Int64
    /// `skn`: the name of the shared access policy, absent for device keys.
    public let keyName: String?

    /// Parses a token, checking its shape but not its signature or expiry
    /// (``SASVerifier`` does that).
    ///
    /// Fields may come in any order; `sr`, `sig` and `se` are required, `skn`
    /// is optional and nothing else is allowed.
    public init(parsing text: String) throws(SASTokenError) {
        guard text.utf8.count <= Self.maximumLength else { throw .tooLong }
        guard text.hasPrefix(Self.prefix) else { throw .missingPrefix }
        var fields: [String: Substring] = [:]
        for part in text.dropFirst(Self.prefix.count).split(separator: "&", omittingEmptySubsequences: false) {
            guard let equals = part.firstIndex(of: "=") else { throw .malformedField }
            let name = String(part[..<equals])
            let value = part[part.index(after: equals)...]
            guard Self.fieldNames.contains(name) else { throw .unknownField }
            guard fields[name] == nil else { throw .duplicateField(name) }
            guard !value.isEmpty else { throw .emptyValue(name) }
            fields[name] = value
        }
        for name in ["sr", "sig", "se"] where fields[name] == nil { throw .missingField(name) }
        let encodedResource = String(fields["sr"]!)
        guard let resource = PercentEncoding.decode(encodedResource) else { throw .invalidEncoding("sr") }
        guard let signature = PercentEncoding.decode(String(fields["sig"]!)) else { throw .invalidEncoding("sig") }
        let expiryText = fields["se"]!
        guard expiryText.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let expiry = Int64(expiryText)
        else { throw .invalidExpiry }
        var keyName: String?
        if let encodedKeyName = fields["skn"] {
            guard let decoded = PercentEncoding.decode(String(encodedKeyName)) else { throw .invalidEncoding("skn") }
            keyName = decoded
        }
        self.init(
            encodedResource: encodedResource, resource: resource, signature: signature, expiry: expiry, keyName: keyName
        )
    }

    private init(encodedResource: String, resource: String, signature: String, expiry: Int64, keyName: String?) {
        self.encodedResource = encodedResource
        self.resource = resource
        self.signature = signature
        self.expiry = expiry
        self.keyName = keyName
    }

    /// Signs a resource with a key, as the Azure IoT device SDKs do.
    ///
    /// - Parameters:
    ///   - resource: the resource URI, not yet encoded, such as `hub.example/devices/cuff-1`.
    ///   - key: the raw key bytes (the base64-decoded device key).
    ///   - expiry: when the token stops being valid; rounded down to whole seconds.
    ///   - keyName: the shared access policy name (`skn`), nil for device keys.
    public init(resource: String, key: Data, expiry: Date, keyName: String? = nil) {
        let encodedResource = PercentEncoding.encode(resource)
        let seconds = Int64(expiry.timeIntervalSince1970.rounded(.down))
        self.init(
            encodedResource: encodedResource, resource: resource,
            signature: Self.signature(encodedResource: encodedResource, expiry: seconds, key: key),
            expiry: seconds, keyName: keyName)
    }

    /// A token's text for a resource, byte for byte what the Python SDK
    /// (`azure-iot-device`) produces: `sr` and `sig` percent-encoded with no
    /// safe characters, fields in the order `sr`, `sig`, `se`, `skn`.
    ///
    /// - Parameters:
    ///   - resource: the resource URI, not yet encoded, such as `hub.example/devices/cuff-1`.
    ///   - key: the raw key bytes (the base64-decoded device key).
    ///   - expiry: when the token stops being valid; rounded down to whole seconds.
    ///   - keyName: the shared access policy name (`skn`), nil for device keys.
    public static func make(resource: String, key: Data, expiry: Date, keyName: String? = nil) -> String {
        SASToken(resource: resource, key: key, expiry: expiry, keyName: keyName).text
    }

    /// A token's text for a resource, signed with a base64 key as it appears in
    /// a connection string (`SharedAccessKey=...`).
    public static func make(
        resource: String, base64Key: String, expiry: Date, keyName: String? = nil
    ) throws(SASTokenError) -> String {
        guard let key = Data(base64Encoded: base64Key) else { throw .invalidKey }
        return make(resource: resource, key: key, expiry: expiry, keyName: keyName)
    }

    /// The base64 signature of `{encodedResource}\n{expiry}` under a key.
    public static func signature(encodedResource: String, expiry: Int64, key: Data) -> String {
        Data(authenticationCode(encodedResource: encodedResource, expiry: expiry, key: key)).base64EncodedString()
    }

    /// The HMAC-SHA256 of `{encodedResource}\n{expiry}` under a key.
    static func authenticationCode(encodedResource: String, expiry: Int64, key: Data) -> HashedAuthenticationCode<
        SHA256
    > {
        HMAC<SHA256>.authenticationCode(
            for: Data(signedText(encodedResource: encodedResource, expiry: expiry).utf8), using: SymmetricKey(data: key)
        )
    }

    /// The text a signature covers.
    static func signedText(encodedResource: String, expiry: Int64) -> String {
        "\(encodedResource)\n\(expiry)"
    }

    /// The token as it travels: `SharedAccessSignature sr=…&sig=…&se=…[&skn=…]`.
    public var text: String {
        var text = "\(Self.prefix)sr=\(encodedResource)&sig=\(PercentEncoding.encode(signature))&se=\(expiry)"
        if let keyName { text += "&skn=\(PercentEncoding.encode(keyName))" }
        return text
    }

    /// The expiry as a date.
    public var expiryDate: Date { Date(timeIntervalSince1970: TimeInterval(expiry)) }

    /// The resource, expiry and key name; never the signature.
    public var description: String {
        "SASToken(sr: \(resource), se: \(expiry)\(keyName.map { ", skn: \($0)" } ?? ""))"
    }

    private static let fieldNames: Set<String> = ["sr", "sig", "se", "skn"]
}
