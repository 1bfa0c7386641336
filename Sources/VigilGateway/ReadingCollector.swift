import Foundation
import VigilCore

/// Turns the readings of one message into accepted `Reading`s and
/// `RejectedReading`s, in message order.
struct ReadingCollector {
    /// Where a reading's JSON lies in the document.
    enum Source {
        /// An element of the `readings` array.
        case native(Range<Int>)
        /// A member of a flat body: its name and its value.
        case flat(key: Range<Int>, value: Range<Int>)
    }

    let bytes: [UInt8]
    let deviceID: DeviceID
    let patientID: PatientID
    let messageID: String?
    let messageTime: Date?
    let messageTimeRange: Range<Int>?
    let receivedAt: Date
    /// Readings dated after this are in the future.
    let latest: Date
    /// Readings dated before this are too old.
    let earliest: Date

    var readings: [Reading] = []
    var rejected: [RejectedReading] = []
    /// Accepted systolic and diastolic readings sent on their own, to be checked as pairs.
    var unpairedPressures: [(index: Int, source: Source)] = []

    init(
        bytes: [UInt8], deviceID: DeviceID, patientID: PatientID, envelope: MessageEnvelope, receivedAt: Date,
        policy: DeviceMessageParser.Policy
    ) {
        self.bytes = bytes
        self.deviceID = deviceID
        self.patientID = patientID
        messageID = envelope.messageID
        messageTime = envelope.time
        messageTimeRange = envelope.timeRange
        self.receivedAt = receivedAt
        latest = receivedAt.addingTimeInterval(policy.maximumFutureSkew.timeInterval)
        earliest = receivedAt.addingTimeInterval(-policy.maximumAge.timeInterval)
        switch envelope.readings {
        case .native(let elements): readings.reserveCapacity(elements.count + 1)
        case .flat(let members): readings.reserveCapacity(members.count + 1)
        }
    }

    /// Reads an element of the `readings` array.
    mutating func addNative(_ element: JSONElement) {
        let source = Source.native(element.range)
        do throws(ReadingRejection) {
            guard case .object(let members) = element.value else { throw ReadingRejection(.invalidValue) }
            let fields = try ReadingFields(members)
            switch try fields.kind() {
            case .bloodPressurePanel:
                try appendPanel(fields)
            case .single(let type):
                try appendSingle(type, value: fields.value, unit: fields.unit, time: fields.time)
                notePressure(type, source: source)
            }
        } catch {
            reject(error, source: source)
        }
    }

    /// Reads a member of a flat body: its key is a type name, its value is in the canonical unit.
    mutating func addFlat(_ member: JSONMember) {
        let source = Source.flat(key: member.keyRange, value: member.valueRange)
        do throws(ReadingRejection) {
            switch ReadingKind(name: member.key) {
            case .bloodPressurePanel:
                guard case .object(let members) = member.value else {
                    throw ReadingRejection(.invalidValue, type: .systolic)
                }
                try appendPanel(ReadingFields(members))
            case .single(let type):
                try appendSingle(type, value: member, unit: nil, time: nil)
                notePressure(type, source: source)
            case nil:
                throw ReadingRejection(.unknownType)
            }
        } catch {
            reject(error, source: source)
        }
    }

    private mutating func notePressure(_ type: VitalType, source: Source) {
        if type == .systolic || type == .diastolic {
            unpairedPressures.append((readings.count - 1, source))
        }
    }

    mutating func reject(_ rejection: ReadingRejection, source: Source) {
        let fragment: Data
        let form: RejectedReading.Form
        switch source {
        case .native(let range):
            fragment = Data(bytes[range])
            form = .native
        case .flat(let key, let value):
            var data = Data(capacity: key.count + value.count + 3)
            data.append(UInt8(ascii: "{"))
            data.append(contentsOf: bytes[key])
            data.append(UInt8(ascii: ":"))
            data.append(contentsOf: bytes[value])
            data.append(UInt8(ascii: "}"))
            fragment = data
            form = .flat
        }
        rejected.append(
            RejectedReading(
                rejection: rejection, fragment: fragment, form: form,
                messageTime: messageTimeRange.map { Data(bytes[$0]) }))
    }
}
