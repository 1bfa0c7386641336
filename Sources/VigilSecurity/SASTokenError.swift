/// Why a shared access signature could not be parsed or made.
///
/// The description names the problem and, at most, a field name; it never
/// contains the token, the signature or a key.
public struct SASTokenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable snake_case code, one per kind of problem.
    public let code: String
    /// A sentence describing the problem, free of secrets.
    public let message: String

    init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The code and message: safe to log.
    public var description: String { "\(code): \(message)" }

    /// The text does not start with `SharedAccessSignature `.
    public static let missingPrefix = Self(
        code: "missing_prefix", message: "The token must start with 'SharedAccessSignature '.")
    /// The token is longer than ``SASToken/maximumLength``.
    public static let tooLong = Self(code: "too_long", message: "The token is too long.")
    /// A required field (`sr`, `sig` or `se`) is absent.
    public static func missingField(_ name: String) -> Self {
        Self(code: "missing_field", message: "The token has no '\(name)' field.")
    }
    /// A field other than `sr`, `sig`, `se` and `skn` is present.
    public static let unknownField = Self(
        code: "unknown_field", message: "The token has a field other than sr, sig, se and skn.")
    /// A field appears more than once.
    public static func duplicateField(_ name: String) -> Self {
        Self(code: "duplicate_field", message: "The token has more than one '\(name)' field.")
    }
    /// A field has an empty value.
    public static func emptyValue(_ name: String) -> Self {
        Self(code: "empty_value", message: "The token's '\(name)' field is empty.")
    }
    /// A part between `&` separators is not `name=value`.
    public static let malformedField = Self(
        code: "malformed_field", message: "The token has a part that is not name=value.")
    /// `se` is not a non-negative integer number of seconds.
    public static let invalidExpiry = Self(
        code: "invalid_expiry", message: "The token's 'se' field is not a whole number of Unix seconds.")
    /// A field has a malformed percent escape or is not UTF-8 once decoded.
    public static func invalidEncoding(_ name: String) -> Self {
        Self(code: "invalid_encoding", message: "The token's '\(name)' field is not valid percent-encoded UTF-8.")
    }
    /// A device key given as text is not base64.
    public static let invalidKey = Self(code: "invalid_key", message: "The key is not valid base64.")
}
