import Foundation

/// The outcome of one attempt to deliver an event.
public struct DeliveryAttempt: Sendable, Hashable {
    public var attemptedAt: Date
    /// The HTTP status received, or nil when no answer came (timeout, refused, reset).
    public var status: Int?
    /// A short, PHI-free error code such as `timeout` or `connection_failed`; nil on 2xx.
    public var error: String?
    /// How long the attempt took, in milliseconds.
    public var durationMilliseconds: Int

    public init(attemptedAt: Date, status: Int?, error: String?, durationMilliseconds: Int) {
        self.attemptedAt = attemptedAt.truncatedToMilliseconds
        self.status = status
        self.error = error
        self.durationMilliseconds = durationMilliseconds
    }
}
