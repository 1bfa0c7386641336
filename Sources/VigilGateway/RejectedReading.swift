import Foundation
import VigilCore

/// One reading of a device message that failed a check, kept so it can be
/// quarantined and replayed.
///
/// A blood-pressure panel is accepted or rejected as a whole and gives one
/// `RejectedReading`. Its `rejection.type` names the component at fault
/// (`.diastolic` for an implausible diastolic value); when the fault lies
/// with the pair or the panel (diastolic not below systolic, unknown unit,
/// time), it is `.systolic`, the panel's first component.
public struct RejectedReading: Sendable, Hashable {
    /// How the reading was written in the message.
    public enum Form: String, Sendable, Hashable {
        /// An element of the `readings` array.
        case native
        /// A member of a flat-form body, quoted as a one-member object.
        case flat
    }

    /// Why it was refused (reason and, when known, type). Safe to log.
    public var rejection: ReadingRejection
    /// The reading's JSON exactly as the device sent it: the `readings`
    /// element, or for the flat form `{"key": value}`.
    public var fragment: Data
    /// How the reading was written.
    public var form: Form
    /// The message's top-level `time` token as sent (quotes included), if it had one.
    var messageTime: Data?

    /// A rejected reading.
    init(rejection: ReadingRejection, fragment: Data, form: Form, messageTime: Data?) {
        self.rejection = rejection
        self.fragment = fragment
        self.form = form
        self.messageTime = messageTime
    }

    /// A message body holding only this reading and the message time it
    /// inherited: give it to `DeviceMessageParser.parse` again (with the
    /// original receive time and message id) to replay the reading.
    public var replayBody: Data {
        var body = Data("{".utf8)
        if let messageTime {
            body.append(contentsOf: #""time":"#.utf8)
            body.append(messageTime)
            body.append(UInt8(ascii: ","))
        }
        switch form {
        case .native:
            body.append(contentsOf: #""readings":["#.utf8)
            body.append(fragment)
            body.append(contentsOf: "]}".utf8)
        case .flat:
            body.append(fragment.dropFirst())
        }
        return body
    }
}
