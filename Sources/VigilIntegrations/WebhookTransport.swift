/// Sends webhook requests. ``HTTPWebhookTransport`` is the real one.
public protocol WebhookTransport: Sendable {
    /// Sends one request and reports the status or why none came; never throws.
    func send(_ request: WebhookRequest) async -> WebhookResponse
}
