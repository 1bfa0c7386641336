import Crypto
import Foundation

/// A 256-bit key that wraps (encrypts) the data keys of sealed secrets.
///
/// Its ``id`` (the first 8 hex digits of the SHA-256 of the key) is stored
/// with every sealed secret so the right key can be found to open it. The
/// description shows only the id.
public struct MasterKey: Sendable, CustomStringConvertible {
    /// Length of a master key in bytes.
    public static let byteCount = 32

    /// The first 8 lowercase hex digits of the SHA-256 of the key.
    public let id: String
    let key: SymmetricKey

    /// A master key from its 32 raw bytes; nil if the length is wrong.
    public init?(bytes: Data) {
        guard bytes.count == Self.byteCount else { return nil }
        self.key = SymmetricKey(data: bytes)
        self.id = String(SHA256.hash(data: bytes).hexString.prefix(8))
    }

    /// A master key from base64 text of 32 bytes; nil if it is not that.
    public init?(base64: String) {
        guard let bytes = Data(base64Encoded: base64) else { return nil }
        self.init(bytes: bytes)
    }

    /// A fresh random master key.
    public static func generate() -> MasterKey {
        MasterKey(bytes: Data(SecureRandom.bytes(byteCount)))!
    }

    /// The key as base64, as written to the key file.
    var base64: String { key.withUnsafeBytes { Data($0).base64EncodedString() } }

    /// Whether two keys have the same bytes (constant time).
    func hasSameBytes(as other: MasterKey) -> Bool { key == other.key }

    /// The key id only; never key material.
    public var description: String { "MasterKey(\(id))" }
}
