extension DeviceMessageParser {
    /// The limits a message and its readings must keep to.
    public struct Policy: Sendable, Hashable {
        /// How far after the receive time a reading may be dated (device
        /// clocks run fast). Default: 5 minutes. Exactly this much is accepted.
        public var maximumFutureSkew: Duration
        /// How far before the receive time a reading may be dated (devices
        /// upload stored readings late). Default: 30 days. Exactly this much is accepted.
        public var maximumAge: Duration
        /// The most readings one message may hold; a blood-pressure panel
        /// counts once. Default: 1000.
        public var maximumReadingsPerMessage: Int

        /// Limits with the documented defaults, each replaceable.
        public init(
            maximumFutureSkew: Duration = .seconds(5 * 60),
            maximumAge: Duration = .seconds(30 * 24 * 60 * 60),
            maximumReadingsPerMessage: Int = 1000
        ) {
            self.maximumFutureSkew = maximumFutureSkew
            self.maximumAge = maximumAge
            self.maximumReadingsPerMessage = maximumReadingsPerMessage
        }
    }
}

extension Duration {
    /// The duration in seconds, as `Date` arithmetic wants it.
    var timeInterval: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
