/// A SUBACK packet: the server's answer to SUBSCRIBE, one return code per filter.
public struct MQTTSubAck: Hashable, Sendable {
    /// The identifier of the SUBSCRIBE being answered.
    public var packetID: MQTTPacketID
    /// One code per requested filter, in the order they were requested.
    public var returnCodes: [MQTTSubAckReturnCode]

    /// Creates a SUBACK packet.
    public init(packetID: MQTTPacketID, returnCodes: [MQTTSubAckReturnCode]) {
        self.packetID = packetID
        self.returnCodes = returnCodes
    }
}
