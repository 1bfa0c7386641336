/// Why a shared access signature was refused.
///
/// The description never contains the token, its signature or a key, so it is
/// safe to log. Clients should get a generic "not authorized" whatever the code.
public struct SASVerificationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable snake_case code: `malformed`, `expired`, `wrong_resource` or `bad_signature`.
    public let code: String
    /// A sentence describing the problem, free of secrets.
    public let message: String

    init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The code and message: safe to log.
    public var description: String { "\(code): \(message)" }

    /// The token could not be parsed, or its signature is not base64.
    public static let malformed = Self(code: "malformed", message: "The shared access signature is malformed.")
    /// The token's expiry (`se`) is not in the future.
    public static let expired = Self(code: "expired", message: "The shared access signature has expired.")
    /// The token's resource (`sr`) does not cover the device.
    public static let wrongResource = Self(
        code: "wrong_resource", message: "The shared access signature is for another resource.")
    /// No candidate key produced the token's signature.
    public static let badSignature = Self(
        code: "bad_signature", message: "The shared access signature does not match the device's keys.")
}
