import NIOCore

/// Client → server PUBLISHes (QoS 1 and 2) handed to the application and not
/// yet acknowledged, in arrival order.
///
/// An acknowledgement is released only when its message is committed and every
/// earlier one has been released, so PUBACKs (and PUBRECs) leave in the order
/// the PUBLISHes arrived. Commit and lookup are O(1).
struct MQTTInboundAckQueue: Sendable {
    /// The acknowledgement a committed message gets.
    enum Kind: Hashable, Sendable {
        /// QoS 1: PUBACK.
        case pubAck
        /// QoS 2: PUBREC.
        case pubRec
    }

    struct Entry: Hashable, Sendable {
        var id: MQTTPacketID
        var kind: Kind
        var committed = false
    }

    private var entries = CircularBuffer<Entry>()
    private var sequenceByID: [MQTTPacketID: Int] = [:]
    /// The arrival sequence number of `entries.first`.
    private var headSequence = 0

    var count: Int { entries.count }

    func contains(_ id: MQTTPacketID) -> Bool { sequenceByID[id] != nil }

    mutating func append(_ id: MQTTPacketID, kind: Kind) {
        sequenceByID[id] = headSequence + entries.count
        entries.append(Entry(id: id, kind: kind))
    }

    /// Marks `id` committed and returns the entries now releasable, in order;
    /// empty if `id` is unknown or waits behind an uncommitted one.
    mutating func commit(_ id: MQTTPacketID) -> [Entry] {
        guard let sequence = sequenceByID[id] else { return [] }
        let index = entries.index(entries.startIndex, offsetBy: sequence - headSequence)
        entries[index].committed = true
        var released: [Entry] = []
        while let first = entries.first, first.committed {
            entries.removeFirst()
            sequenceByID[first.id] = nil
            headSequence += 1
            released.append(first)
        }
        return released
    }

    mutating func removeAll() {
        entries.removeAll()
        sequenceByID.removeAll()
        headSequence = 0
    }
}
