/// A database URL that `PostgresStore.Configuration(url:)` cannot use.
///
/// The description names what is wrong, never the URL itself, which may carry a password.
public struct PostgresURLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the URL, such as "the host is missing".
    public let reason: String

    /// An error with a reason that must not quote the URL.
    public init(_ reason: String) {
        self.reason = reason
    }

    /// "invalid PostgreSQL URL: " and the reason.
    public var description: String { "invalid PostgreSQL URL: \(reason)" }
}
