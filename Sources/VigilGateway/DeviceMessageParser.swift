import Foundation
import VigilCore

/// Turns a device message body into readings: the step the HTTPS device
/// endpoint and the MQTT gateway share. Pure: no I/O, no shared state.
///
/// Two body forms are accepted:
/// - native: `{"messageId"?, "time"?, "readings": [{"type": "heartRate", "value": 72}, …]}`,
///   where a reading names its type by `type` (a `VitalType` name or
///   `bloodPressure`) or by LOINC `code`, and may carry `unit` and `time`;
/// - flat: `{"heartRate": 72, "spo2": 97, "time"?, "messageId"?}`, values in canonical units.
///
/// A message that cannot be read as a whole is `.unparseable`; otherwise each
/// reading is accepted or rejected on its own, so one bad reading does not
/// sink the good ones. Optional members that are `null` count as absent;
/// members Vigil does not read are ignored, except in the flat form, where
/// every key other than `time` and `messageId` is a reading.
///
/// A reading is measured at its own `time`, else the message's, else the
/// receive time, and must lie within the `Policy` window around the receive
/// time. A blood-pressure panel becomes a systolic and a diastolic reading and
/// is accepted or rejected whole; a systolic and a diastolic reading sent
/// separately with the same time are checked as a pair too.
public struct DeviceMessageParser: Sendable {
    /// What a message turned into.
    public enum Outcome: Sendable, Hashable {
        /// The message was read; some readings may still have been rejected.
        case parsed(ParsedMessage)
        /// The message as a whole cannot be read: quarantine it and answer 400.
        case unparseable(MessageRejection)
    }

    /// The limits readings are checked against.
    public var policy: Policy

    /// A parser with the given limits.
    public init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// Reads one device message.
    ///
    /// - Parameters:
    ///   - body: the message body as received (`Data`, `[UInt8]`, or the
    ///     `UnsafeRawBufferPointer` of a NIO `ByteBuffer`'s readable bytes).
    ///   - deviceID: the authenticated device that sent it.
    ///   - patientID: the patient the device is assigned to.
    ///   - transportMessageID: the message id from the transport, if any
    ///     (`$.mid` on MQTT, the `iothub-messageid` header on HTTPS); the body's
    ///     `messageId` takes precedence.
    ///   - receivedAt: when Vigil received the message; readings' times are
    ///     checked against it and default to it.
    public func parse(
        _ body: some ContiguousBytes, deviceID: DeviceID, patientID: PatientID, transportMessageID: String?,
        receivedAt: Date
    ) -> Outcome {
        var parser = JSONParser(bytes: body.withUnsafeBytes { [UInt8]($0) })
        guard let document = try? parser.parseDocument() else { return .unparseable(MessageRejection(.invalidJSON)) }
        guard case .object(let members) = document else { return .unparseable(MessageRejection(.invalidBody)) }
        let envelope: MessageEnvelope
        do throws(MessageRejection) {
            envelope = try MessageEnvelope(
                members: members, transportMessageID: transportMessageID,
                maximumReadings: policy.maximumReadingsPerMessage)
        } catch {
            return .unparseable(error)
        }

        var collector = ReadingCollector(
            bytes: parser.bytes, deviceID: deviceID, patientID: patientID, envelope: envelope,
            receivedAt: receivedAt, policy: policy)
        switch envelope.readings {
        case .native(let elements):
            for element in elements { collector.addNative(element) }
        case .flat(let members):
            for member in members { collector.addFlat(member) }
        }
        return .parsed(collector.finish())
    }
}
