import Foundation

/// The top level of a device message: its id, its time and where its readings are.
struct MessageEnvelope {
    /// Where the readings are.
    enum Readings {
        /// The elements of the `readings` array.
        case native([JSONElement])
        /// The members of a flat body other than `time` and `messageId`.
        case flat([JSONMember])
    }

    /// The longest message id accepted, in UTF-8 bytes (IoT Hub's limit).
    static let maximumMessageIDLength = 128

    var messageID: String?
    /// The top-level `time`, if any.
    var time: Date?
    /// The top-level `time` token's bytes, quotes included, for replay bodies.
    var timeRange: Range<Int>?
    var readings: Readings

    /// Reads the top level of a message body that is a JSON object.
    init(members: [JSONMember], transportMessageID: String?, maximumReadings: Int) throws(MessageRejection) {
        var idMember: JSONMember?
        var timeMember: JSONMember?
        var readingsMember: JSONMember?
        for member in members {
            switch member.key {
            case "messageId":
                guard idMember == nil else { throw MessageRejection(.invalidBody) }
                idMember = member
            case "time":
                guard timeMember == nil else { throw MessageRejection(.invalidBody) }
                timeMember = member
            case "readings":
                guard readingsMember == nil else { throw MessageRejection(.invalidBody) }
                readingsMember = member
            default:
                continue
            }
        }

        if let id = try Self.messageID(idMember?.value) {
            messageID = id
        } else {
            messageID = try Self.messageID(transportMessageID.map(JSONValue.string))
        }

        if let timeMember, !timeMember.value.isNull {
            guard case .string(let text) = timeMember.value, let time = Timestamp.date(from: text) else {
                throw MessageRejection(.invalidTime)
            }
            self.time = time
            timeRange = timeMember.valueRange
        }

        let count: Int
        if let readingsMember {
            guard case .array(let elements) = readingsMember.value else { throw MessageRejection(.invalidBody) }
            readings = .native(elements)
            count = elements.count
        } else {
            let flat = members.filter { $0.key != "messageId" && $0.key != "time" }
            readings = .flat(flat)
            count = flat.count
        }
        guard count > 0 else { throw MessageRejection(.noReadings) }
        guard count <= maximumReadings else { throw MessageRejection(.tooManyReadings) }
    }

    /// A usable message id: `nil` when absent, `null` or empty.
    private static func messageID(_ value: JSONValue?) throws(MessageRejection) -> String? {
        guard let value, !value.isNull else { return nil }
        guard case .string(let id) = value, id.utf8.count <= maximumMessageIDLength else {
            throw MessageRejection(.invalidMessageID)
        }
        return id.isEmpty ? nil : id
    }
}
