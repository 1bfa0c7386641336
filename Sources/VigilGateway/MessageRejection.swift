/// Why a whole device message was refused: it goes to quarantine as it came
/// and the device is answered 400. Carries no content, so it is safe to log.
public struct MessageRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable reason.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// The body is not JSON (or not UTF-8, or nested more than 32 levels deep).
        case invalidJSON = "invalid_json"
        /// The body is JSON but not a message: not an object, `readings` is not
        /// an array, or `messageId`, `time` or `readings` appears twice.
        case invalidBody = "invalid_body"
        /// The message holds no readings at all.
        case noReadings = "no_readings"
        /// The message's top-level `time` is not an ISO 8601 date-time with a zone.
        case invalidTime = "invalid_time"
        /// The message id (from the body or the transport) is not a string of 1–128 bytes.
        case invalidMessageID = "invalid_message_id"
        /// The message holds more readings than `DeviceMessageParser.Policy.maximumReadingsPerMessage`.
        case tooManyReadings = "too_many_readings"
    }

    /// Why the message was refused.
    public let reason: Reason

    /// The stable snake_case code, such as `invalid_json`.
    public var code: String { reason.rawValue }

    /// A rejection for the given reason.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// The code alone.
    public var description: String { reason.rawValue }
}
