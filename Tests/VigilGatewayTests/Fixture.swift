import Foundation
import Testing
import VigilCore
import VigilGateway

/// Shared inputs for the parser tests: one device, one patient, one receive time.
enum Fixture {
    /// 2026-11-27T10:00:00Z, whole seconds so time boundaries are exact.
    static let receivedAt = time("2026-11-27T10:00:00Z")
    static let device = DeviceID("device-1")
    static let patient = PatientID("patient-1")

    /// A time from ISO 8601 text, read by Foundation (the reference the parser is checked against),
    /// to the millisecond, as readings store it.
    static func time(_ text: String) -> Date {
        try! Date.ISO8601FormatStyle(includingFractionalSeconds: text.contains(".")).parse(text).truncatedToMilliseconds
    }

    static func outcome(
        _ body: String, transportMessageID: String? = nil, receivedAt: Date = receivedAt,
        policy: DeviceMessageParser.Policy = .init()
    ) -> DeviceMessageParser.Outcome {
        DeviceMessageParser(policy: policy).parse(
            Data(body.utf8), deviceID: device, patientID: patient, transportMessageID: transportMessageID,
            receivedAt: receivedAt)
    }

    /// The parsed message, or a recorded failure.
    static func parsed(
        _ body: String, transportMessageID: String? = nil, receivedAt: Date = receivedAt,
        policy: DeviceMessageParser.Policy = .init(), sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ParsedMessage {
        let outcome = outcome(body, transportMessageID: transportMessageID, receivedAt: receivedAt, policy: policy)
        guard case .parsed(let message) = outcome else {
            Issue.record("expected a parsed message, got \(outcome)", sourceLocation: sourceLocation)
            throw NotParsed()
        }
        return message
    }

    /// The whole-message rejection reason, or `nil` if the message was parsed.
    static func unparseable(_ body: String, transportMessageID: String? = nil) -> MessageRejection.Reason? {
        guard case .unparseable(let rejection) = outcome(body, transportMessageID: transportMessageID) else {
            return nil
        }
        return rejection.reason
    }

    /// The one reading a body yields, or a recorded failure.
    static func single(_ body: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Reading {
        let message = try parsed(body, sourceLocation: sourceLocation)
        guard message.readings.count == 1, message.rejected.isEmpty, let reading = message.readings.first else {
            Issue.record("expected one reading, got \(message)", sourceLocation: sourceLocation)
            throw NotParsed()
        }
        return reading
    }

    /// The rejections a body yields (reason and type), in order.
    static func rejections(_ body: String, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> [ReadingRejection]
    {
        try parsed(body, sourceLocation: sourceLocation).rejected.map(\.rejection)
    }

    struct NotParsed: Error {}
}
