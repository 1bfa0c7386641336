import Crypto
import Foundation
import VigilCore
import VigilStore

/// Seals audit records with SHA-256 over the previous hash and a canonical
/// encoding of the record, so editing, inserting or deleting any record breaks
/// the chain from that record on.
public struct SHA256AuditSealer: AuditSealer {
    public init() {}

    public let genesisHash = String(repeating: "0", count: 64)

    public func seal(sequence: Int64, entry: AuditEntry, previousHash: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(previousHash.utf8))
        hasher.update(data: Self.canonicalBytes(sequence: sequence, entry: entry))
        return hasher.finalize().hexString
    }

    /// A JSON array of every field in a fixed order: unambiguous and stable across backends.
    static func canonicalBytes(sequence: Int64, entry: AuditEntry) -> Data {
        let fields: [String?] = [
            String(sequence), String(entry.time.millisecondsSince1970), entry.userID?.rawValue, entry.username,
            entry.role?.rawValue, entry.action, entry.patientID?.rawValue, entry.outcome.rawValue,
            entry.sourceAddress, entry.detail,
        ]
        // Encoding an array of optional strings cannot fail.
        return try! JSONEncoder().encode(fields)
    }
}

extension Sequence<UInt8> {
    /// Lowercase hexadecimal.
    var hexString: String { map { String(format: "%02x", $0) }.joined() }
}
