import Foundation

/// Message properties as IoT Hub carries them in an MQTT topic: `key=value`
/// pairs joined with `&`, keys and values percent-encoded
/// (`%24.mid=abc&%24.ct=application%2Fjson&colour=red`).
///
/// System properties start with `$.` (``messageID`` is `$.mid`, ``contentType``
/// is `$.ct`, …); every other key is an application property.
public struct IoTHubPropertyBag: Hashable, Sendable {
    /// Every property, decoded. A key sent twice keeps its last value.
    public var values: [String: String]

    /// `$.mid`: the message id.
    public static let messageIDKey = "$.mid"
    /// `$.cid`: the correlation id.
    public static let correlationIDKey = "$.cid"
    /// `$.ct`: the body's content type.
    public static let contentTypeKey = "$.ct"
    /// `$.ce`: the body's content encoding.
    public static let contentEncodingKey = "$.ce"

    /// A bag of the given properties.
    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// Reads a bag; nil when an escape is malformed or a key is empty.
    ///
    /// A leading `?` is skipped, empty pairs are ignored, a key without `=`
    /// has the empty value, and `+` stays `+` (this is not form encoding).
    public init?(parsing text: Substring) {
        var values: [String: String] = [:]
        let body = text.first == "?" ? text.dropFirst() : text
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let key: Substring
            let value: Substring
            if let equals = pair.firstIndex(of: "=") {
                key = pair[..<equals]
                value = pair[pair.index(after: equals)...]
            } else {
                key = pair
                value = ""
            }
            guard let decodedKey = String(key).removingPercentEncoding, !decodedKey.isEmpty,
                let decodedValue = String(value).removingPercentEncoding
            else { return nil }
            values[decodedKey] = decodedValue
        }
        self.values = values
    }

    /// The message id (`$.mid`), if present and not empty.
    public var messageID: String? { nonEmpty(Self.messageIDKey) }

    /// The content type (`$.ct`), if present and not empty.
    public var contentType: String? { nonEmpty(Self.contentTypeKey) }

    /// The properties that are not system properties (keys not starting with `$`).
    public var applicationProperties: [String: String] {
        values.filter { !$0.key.hasPrefix("$") }
    }

    /// The bag as it travels, keys sorted, every byte but `A-Z a-z 0-9 - . _ ~`
    /// percent-encoded (so `/`, `&` and `=` never appear raw).
    public var encoded: String {
        values.sorted { $0.key < $1.key }
            .map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }
            .joined(separator: "&")
    }

    private func nonEmpty(_ key: String) -> String? {
        guard let value = values[key], !value.isEmpty else { return nil }
        return value
    }

    /// Percent-encodes all but the RFC 3986 unreserved characters.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
