import VigilCore

/// A device message that could be read: the readings to store and the
/// readings to quarantine.
public struct ParsedMessage: Sendable, Hashable {
    /// The message id: the body's `messageId`, else the transport's
    /// (`$.mid` on MQTT, `iothub-messageid` on HTTPS), else `nil`.
    public var messageID: String?
    /// The readings that passed every check, in canonical units, in message order.
    public var readings: [Reading]
    /// The readings that failed a check, in the order they were found.
    public var rejected: [RejectedReading]

    /// A parsed message.
    public init(messageID: String?, readings: [Reading], rejected: [RejectedReading]) {
        self.messageID = messageID
        self.readings = readings
        self.rejected = rejected
    }
}
