import Foundation

/// The master keys Vigil holds: the first (active) one wraps new secrets,
/// every one can unwrap.
///
/// A value: loading, reloading and rotation return or replace whole rings
/// (see `MasterKeyRing+Storage.swift`), and the envelope operations are pure
/// functions of the ring (see `MasterKeyRing+Envelope.swift`).
public struct MasterKeyRing: Sendable, CustomStringConvertible {
    /// Where a ring's keys came from, so ``reload()`` knows where to look again.
    public enum Origin: Sendable, Hashable {
        /// The `VIGIL_MASTER_KEY` environment variable.
        case environment
        /// A key file.
        case file(URL)
        /// Built in memory (tests, tools).
        case memory
    }

    /// The keys, active first; never empty, ids distinct.
    public let keys: [MasterKey]
    /// Where the keys came from.
    public let origin: Origin

    /// A ring of keys, active first. Repeated keys are kept once.
    ///
    /// - Throws: ``KeyVaultError`` `no_master_key` if `keys` is empty,
    ///   `duplicate_key_id` if two different keys share an id.
    public init(keys: [MasterKey], origin: Origin = .memory) throws {
        var unique: [MasterKey] = []
        for key in keys {
            if let existing = unique.first(where: { $0.id == key.id }) {
                guard existing.hasSameBytes(as: key) else { throw KeyVaultError.duplicateKeyID }
                continue
            }
            unique.append(key)
        }
        guard !unique.isEmpty else { throw KeyVaultError.noMasterKey("The key list") }
        self.keys = unique
        self.origin = origin
    }

    /// The key that wraps new secrets.
    public var active: MasterKey { keys[0] }

    /// The ids of every key, active first.
    public var keyIDs: [String] { keys.map(\.id) }

    /// The key with an id, if the ring holds it.
    public func key(withID id: String) -> MasterKey? {
        keys.first { $0.id == id }
    }

    /// The key ids; never key material.
    public var description: String { "MasterKeyRing(\(keyIDs.joined(separator: ", ")))" }
}
