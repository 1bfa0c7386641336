/// An error Vigil reports to a client: a stable code, a kind that maps to an
/// HTTP status, and a message that never carries PHI.
public struct VigilError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The family of the error; each maps to one HTTP status.
    public enum Kind: Sendable, Hashable {
        case badRequest, unauthenticated, forbidden, notFound, conflict, payloadTooLarge
        case unsupportedMediaType, throttled, unavailable, `internal`
    }

    public let kind: Kind
    /// A stable snake_case code clients can branch on, such as `patient_not_found`.
    public let code: String
    /// A human sentence with identifiers only, never names or values.
    public let message: String
    /// For `.throttled`: when the client may try again.
    public var retryAfterSeconds: Int?

    public init(_ kind: Kind, code: String, message: String, retryAfterSeconds: Int? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { "\(code): \(message)" }

    public static func notFound(_ what: String) -> Self {
        Self(.notFound, code: "not_found", message: "No \(what) with that id is visible to you.")
    }

    public static func badRequest(_ message: String, code: String = "bad_request") -> Self {
        Self(.badRequest, code: code, message: message)
    }

    public static let unauthenticated = Self(
        .unauthenticated, code: "unauthenticated", message: "A valid bearer token or session is required.")

    public static let forbidden = Self(.forbidden, code: "forbidden", message: "Your role may not do this.")
}
