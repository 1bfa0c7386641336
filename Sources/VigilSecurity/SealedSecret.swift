import Foundation

/// A secret encrypted under envelope encryption, in a text form that fits a
/// TEXT column: `v1.{masterKeyID}.{wrappedKey}.{ciphertext}`.
///
/// - `masterKeyID`: 8 lowercase hex digits naming the master key that wraps the data key.
/// - `wrappedKey`: standard base64 of the AES-256-GCM sealed box (nonce, ciphertext,
///   tag; 60 bytes) of the secret's random 256-bit data key under that master key,
///   with associated data `vigil.v1.wrap.{masterKeyID}`.
/// - `ciphertext`: standard base64 of the AES-256-GCM sealed box of the secret
///   under the data key, with associated data `vigil.v1.data`.
///
/// Holds no plaintext, so it may be stored and logged; ``description`` shows
/// only the version and the master key id.
public struct SealedSecret: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The format version this build writes.
    public static let version = "v1"

    /// The storage form: `v1.{masterKeyID}.{wrappedKey}.{ciphertext}`.
    public let text: String
    /// The id of the master key that wraps this secret's data key.
    public let masterKeyID: String
    /// The data key sealed under the master key (AES-GCM combined form).
    let wrappedKey: Data
    /// The secret sealed under the data key (AES-GCM combined form).
    let ciphertext: Data

    /// Size of an AES-GCM sealed 256-bit key: 12-byte nonce, 32 bytes, 16-byte tag.
    static let wrappedKeyByteCount = 60
    /// Smallest AES-GCM sealed box: 12-byte nonce and 16-byte tag.
    static let minimumCiphertextByteCount = 28

    /// Parses the storage form.
    ///
    /// - Throws: ``KeyVaultError`` `unsupported_version` or `malformed_sealed_secret`.
    public init(text: String) throws {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { throw KeyVaultError.malformedSealedSecret }
        guard parts[0] == Self.version else { throw KeyVaultError.unsupportedVersion }
        let id = String(parts[1])
        guard Self.isKeyID(id),
            let wrappedKey = Self.canonicalBase64(parts[2]), wrappedKey.count == Self.wrappedKeyByteCount,
            let ciphertext = Self.canonicalBase64(parts[3]), ciphertext.count >= Self.minimumCiphertextByteCount
        else { throw KeyVaultError.malformedSealedSecret }
        self.init(masterKeyID: id, wrappedKey: wrappedKey, ciphertext: ciphertext)
    }

    init(masterKeyID: String, wrappedKey: Data, ciphertext: Data) {
        self.masterKeyID = masterKeyID
        self.wrappedKey = wrappedKey
        self.ciphertext = ciphertext
        self.text = [
            Self.version, masterKeyID, wrappedKey.base64EncodedString(), ciphertext.base64EncodedString(),
        ].joined(separator: ".")
    }

    /// Decodes from a single string: the storage form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(text: text)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "Not a sealed secret.", underlyingError: error))
        }
    }

    /// Encodes as a single string: the storage form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// The version and master key id.
    public var description: String { "SealedSecret(\(Self.version), masterKey: \(masterKeyID))" }

    /// Whether two sealed secrets have the same text.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.text == rhs.text }

    /// Hashes the text.
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// The bytes of base64 text, only if re-encoding them gives the same text, so
    /// that each sealed secret has exactly one text form.
    private static func canonicalBase64(_ text: Substring) -> Data? {
        guard let data = Data(base64Encoded: String(text)), data.base64EncodedString() == text else { return nil }
        return data
    }

    /// Whether text is 8 lowercase hex digits.
    private static func isKeyID(_ text: String) -> Bool {
        text.utf8.count == 8
            && text.utf8.allSatisfy {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
            }
    }
}
