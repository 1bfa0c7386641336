/// Why TLS certificates could not be generated or loaded.
///
/// Descriptions name files and problems, never key material.
public struct DeviceCertificateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable snake_case code.
    public let code: String
    /// A sentence describing the problem, free of secrets.
    public let message: String

    init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The code and message: safe to log.
    public var description: String { "\(code): \(message)" }

    /// The host name is empty or not usable in a certificate.
    public static let invalidHostName = Self(
        code: "invalid_host_name", message: "The host name cannot be put in a certificate.")
    /// A file could not be read.
    public static func unreadable(_ fileName: String) -> Self {
        Self(code: "file_unreadable", message: "\(fileName) could not be read.")
    }
    /// A file holds no certificate, or one that does not parse.
    public static func invalidCertificate(_ fileName: String) -> Self {
        Self(code: "invalid_certificate", message: "\(fileName) does not hold a valid PEM certificate.")
    }
    /// A file holds no private key, or one that does not parse.
    public static func invalidPrivateKey(_ fileName: String) -> Self {
        Self(code: "invalid_private_key", message: "\(fileName) does not hold a valid PEM private key.")
    }
    /// The private key does not belong to the certificate.
    public static let keyMismatch = Self(
        code: "key_mismatch", message: "The private key does not match the certificate.")
    /// Generating a certificate failed.
    public static let generationFailed = Self(
        code: "generation_failed", message: "A certificate could not be generated.")
    /// A file could not be written.
    public static func writeFailed(_ detail: String) -> Self {
        Self(code: "file_write_failed", message: "A certificate file could not be written: \(detail).")
    }
}
