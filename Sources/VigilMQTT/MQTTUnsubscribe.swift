/// An UNSUBSCRIBE packet: one or more topic filters to remove.
public struct MQTTUnsubscribe: Hashable, Sendable {
    /// The identifier UNSUBACK must echo.
    public var packetID: MQTTPacketID
    /// The topic filters to remove, never empty on the wire.
    public var topicFilters: [String]

    /// Creates an UNSUBSCRIBE packet.
    public init(packetID: MQTTPacketID, topicFilters: [String]) {
        self.packetID = packetID
        self.topicFilters = topicFilters
    }
}
