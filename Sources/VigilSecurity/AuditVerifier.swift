import VigilCore
import VigilStore

/// Walks the audit log from the first record and recomputes every hash.
public struct AuditVerifier: Sendable {
    /// The result of a verification.
    public enum Verdict: Sendable, Hashable {
        /// Every record is intact; `count` records were checked.
        case intact(count: Int64)
        /// The chain breaks at this sequence number: the record there (or the
        /// one before it) was edited, deleted or inserted.
        case broken(atSequence: Int64, reason: String)
    }

    private let store: any AuditStore
    private let sealer: any AuditSealer
    private let pageSize: Int

    public init(store: any AuditStore, sealer: any AuditSealer = SHA256AuditSealer(), pageSize: Int = 5000) {
        self.store = store
        self.sealer = sealer
        self.pageSize = pageSize
    }

    /// Checks the whole chain and names the first broken record.
    public func verify() async throws -> Verdict {
        var expectedSequence: Int64 = 1
        var previousHash = sealer.genesisHash
        while true {
            let page = try await store.records(after: expectedSequence - 1, limit: pageSize)
            if page.isEmpty { return try await checkHead(lastSequence: expectedSequence - 1, lastHash: previousHash) }
            for record in page {
                if record.sequence != expectedSequence {
                    return .broken(atSequence: expectedSequence, reason: "record missing")
                }
                if record.previousHash != previousHash {
                    return .broken(atSequence: record.sequence, reason: "link to previous record does not match")
                }
                let hash = sealer.seal(sequence: record.sequence, entry: record.entry, previousHash: previousHash)
                if hash != record.hash {
                    return .broken(atSequence: record.sequence, reason: "content does not match its hash")
                }
                previousHash = record.hash
                expectedSequence += 1
            }
        }
    }

    /// The chain must end where the head, written with every append, says it does.
    private func checkHead(lastSequence: Int64, lastHash: String) async throws -> Verdict {
        let head = try await store.head()
        guard let head else {
            return lastSequence == 0 ? .intact(count: 0) : .broken(atSequence: 1, reason: "chain head missing")
        }
        if head.sequence > lastSequence {
            return .broken(atSequence: lastSequence + 1, reason: "record missing")
        }
        if head.sequence < lastSequence || head.hash != lastHash {
            return .broken(atSequence: head.sequence, reason: "chain head does not match the records")
        }
        return .intact(count: lastSequence)
    }
}
