import Foundation

/// One signed webhook request, ready to send.
public struct WebhookRequest: Sendable, Hashable {
    public var url: URL
    /// `content-type`, `webhook-id`, `webhook-timestamp`, `webhook-signature`, in that order.
    public var headers: [String: String]
    public var body: Data

    public init(url: URL, headers: [String: String], body: Data) {
        self.url = url
        self.headers = headers
        self.body = body
    }
}
