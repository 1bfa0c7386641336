/// Packet identifiers of server → client PUBLISHes not yet acknowledged, and
/// the allocation of new ones.
struct MQTTOutgoingWindow: Sendable {
    /// Where an in-flight message stands.
    enum Stage: Hashable, Sendable {
        /// QoS 1, sent, waiting for PUBACK.
        case awaitingPubAck
        /// QoS 2, sent, waiting for PUBREC.
        case awaitingPubRec
        /// QoS 2, PUBREL sent, waiting for PUBCOMP.
        case awaitingPubComp
    }

    private var inFlight: [MQTTPacketID: Stage] = [:]
    private var next: UInt16 = 1
    /// The most messages in flight at once, at most 65,535.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = min(max(capacity, 1), Int(UInt16.max))
    }

    var count: Int { inFlight.count }

    var isFull: Bool { inFlight.count >= capacity }

    func stage(of id: MQTTPacketID) -> Stage? { inFlight[id] }

    /// A free identifier, in rotation so that a late acknowledgement of an old
    /// message is unlikely to meet a new one; `nil` when the window is full.
    mutating func allocate() -> MQTTPacketID? {
        guard !isFull else { return nil }
        // The window is not full, so at most `count + 1` candidates are tried.
        while true {
            let candidate = MQTTPacketID(next)
            next = next == UInt16.max ? 1 : next + 1
            if inFlight[candidate] == nil { return candidate }
        }
    }

    mutating func track(_ id: MQTTPacketID, stage: Stage) {
        inFlight[id] = stage
    }

    mutating func remove(_ id: MQTTPacketID) {
        inFlight[id] = nil
    }
}
