/// Why a master key could not be loaded or a sealed secret could not be opened.
///
/// Descriptions name key ids and file names at most; never key material,
/// secrets or ciphertext.
public struct KeyVaultError: Error, Sendable, Hashable, CustomStringConvertible {
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

    /// A master key is not base64 of exactly 32 bytes.
    public static func invalidMasterKey(_ source: String) -> Self {
        Self(code: "invalid_master_key", message: "A master key in \(source) is not base64 of 32 bytes.")
    }
    /// A key list (file or environment variable) holds no key.
    public static func noMasterKey(_ source: String) -> Self {
        Self(code: "no_master_key", message: "\(source) holds no master key.")
    }
    /// Two different keys in a ring share an id.
    public static let duplicateKeyID = Self(
        code: "duplicate_key_id", message: "Two different master keys have the same id.")
    /// A sealed secret names a master key the ring does not hold.
    public static func unknownMasterKey(_ id: String) -> Self {
        Self(code: "unknown_master_key", message: "The secret is sealed under master key \(id), which is not loaded.")
    }
    /// A sealed secret's text is not in a known form.
    public static let malformedSealedSecret = Self(
        code: "malformed_sealed_secret", message: "The sealed secret is not in the expected form.")
    /// A sealed secret uses a format version this build does not know.
    public static let unsupportedVersion = Self(
        code: "unsupported_version", message: "The sealed secret uses an unknown format version.")
    /// Authentication failed: the sealed secret was altered, or the key is wrong.
    public static let decryptionFailed = Self(
        code: "decryption_failed",
        message: "The sealed secret failed authentication; it was altered or the key is wrong.")
    /// Encryption failed unexpectedly.
    public static let encryptionFailed = Self(code: "encryption_failed", message: "Sealing the secret failed.")
    /// The master key file could not be read.
    public static func keyFileUnreadable(_ detail: String) -> Self {
        Self(code: "key_file_unreadable", message: "The master key file could not be read: \(detail).")
    }
    /// The master key file could not be written.
    public static func keyFileWriteFailed(_ detail: String) -> Self {
        Self(code: "key_file_write_failed", message: "The master key file could not be written: \(detail).")
    }
    /// The ring's keys come from the environment, so there is no file to rotate.
    public static let notFileBacked = Self(
        code: "not_file_backed", message: "The master keys come from VIGIL_MASTER_KEY, not a key file.")
}
