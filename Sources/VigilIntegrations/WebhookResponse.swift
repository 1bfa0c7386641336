import Foundation

/// What came of sending one webhook request.
public struct WebhookResponse: Sendable, Hashable {
    /// The HTTP status, or nil when no answer came.
    public var status: Int?
    /// A short PHI-free code when no answer came or it was unusable:
    /// `timeout`, `connection_failed`, `redirect_refused`, `url_refused`.
    public var error: String?

    public init(status: Int?, error: String?) {
        self.status = status
        self.error = error
    }

    /// Whether the receiver accepted the event (any 2xx).
    public var isSuccess: Bool { status.map { (200..<300).contains($0) } ?? false }
}
