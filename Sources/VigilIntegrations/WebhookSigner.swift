import Crypto
import Foundation

/// Signs webhook requests the Standard Webhooks way: HMAC-SHA256 over
/// `{webhook-id}.{webhook-timestamp}.{body}`, sent as `v1,{base64}`.
public enum WebhookSigner {
    /// The `v1,{base64}` signature of one request under one secret.
    public static func signature(id: String, timestamp: Int64, body: Data, secret: WebhookSecret) -> String {
        var content = Data("\(id).\(timestamp).".utf8)
        content.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: secret.key))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// The `webhook-signature` header value: one signature per secret, space-separated
    /// (two during a secret rotation's overlap window).
    public static func header(id: String, timestamp: Int64, body: Data, secrets: [WebhookSecret]) -> String {
        secrets.map { signature(id: id, timestamp: timestamp, body: body, secret: $0) }.joined(separator: " ")
    }

    /// Whether `header` holds a valid `v1` signature of the request under
    /// `secret`, compared in constant time.
    public static func verify(header: String, id: String, timestamp: Int64, body: Data, secret: WebhookSecret) -> Bool {
        let expected = Array(signature(id: id, timestamp: timestamp, body: body, secret: secret).utf8)
        var matched = false
        for candidate in header.split(separator: " ") {
            let bytes = Array(candidate.utf8)
            guard bytes.count == expected.count else { continue }
            var difference: UInt8 = 0
            for (left, right) in zip(bytes, expected) { difference |= left ^ right }
            matched = matched || difference == 0
        }
        return matched
    }
}
