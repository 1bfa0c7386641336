import Foundation
import VigilCore

extension ReadingCollector {
    /// Checks one reading and appends it.
    mutating func appendSingle(_ type: VitalType, value: JSONMember?, unit: JSONMember?, time: JSONMember?)
        throws(ReadingRejection)
    {
        let unit = try self.unit(unit, type: type)
        guard let value else { throw ReadingRejection(.invalidValue, type: type) }
        let (measured, original) = try measuredValue(value, type: type)
        let canonical = try type.canonicalValue(of: measured, unit: unit)
        let measuredAt = try self.time(time, type: type)
        append(type, canonical, original: original, unit: unit, measuredAt: measuredAt)
    }

    /// Checks a blood-pressure panel and appends it as a systolic and a
    /// diastolic reading, or throws for the panel as a whole.
    mutating func appendPanel(_ fields: ReadingFields) throws(ReadingRejection) {
        let unit = try self.unit(fields.unit, type: .systolic)
        guard let systolic = fields.systolic else { throw ReadingRejection(.invalidValue, type: .systolic) }
        guard let diastolic = fields.diastolic else { throw ReadingRejection(.invalidValue, type: .diastolic) }
        let (systolicValue, systolicText) = try measuredValue(systolic, type: .systolic)
        let (diastolicValue, diastolicText) = try measuredValue(diastolic, type: .diastolic)
        let systolicCanonical = try VitalType.systolic.canonicalValue(of: systolicValue, unit: unit)
        let diastolicCanonical = try VitalType.diastolic.canonicalValue(of: diastolicValue, unit: unit)
        guard diastolicCanonical < systolicCanonical else {
            throw ReadingRejection(.diastolicNotBelowSystolic, type: .systolic)
        }
        let measuredAt = try time(fields.time, type: .systolic)
        append(.systolic, systolicCanonical, original: systolicText, unit: unit, measuredAt: measuredAt)
        append(.diastolic, diastolicCanonical, original: diastolicText, unit: unit, measuredAt: measuredAt)
    }

    private mutating func append(
        _ type: VitalType, _ value: Double, original: String, unit: String?, measuredAt: Date
    ) {
        readings.append(
            Reading(
                patientID: patientID, deviceID: deviceID, type: type, value: value, originalValue: original,
                originalUnit: unit, measuredAt: measuredAt, receivedAt: receivedAt, messageID: messageID))
    }

    /// The unit as sent; one that is not a string is unknown.
    private func unit(_ member: JSONMember?, type: VitalType) throws(ReadingRejection) -> String? {
        guard let member else { return nil }
        guard case .string(let unit) = member.value else { throw ReadingRejection(.unknownUnit, type: type) }
        return unit
    }

    /// The value as a `MeasuredValue`, and as text exactly as sent (a number's JSON text).
    private func measuredValue(_ member: JSONMember, type: VitalType) throws(ReadingRejection)
        -> (MeasuredValue, String)
    {
        switch member.value {
        case .number(let number):
            return (.number(number), String(decoding: bytes[member.valueRange], as: UTF8.self))
        case .bool(let flag):
            return (.flag(flag), flag ? "true" : "false")
        case .string(let text):
            return (.text(text), text)
        case .null, .array, .object:
            throw ReadingRejection(.invalidValue, type: type)
        }
    }

    /// The reading's own time, else the message's, else the receive time;
    /// checked against the policy's window around the receive time.
    private func time(_ member: JSONMember?, type: VitalType) throws(ReadingRejection) -> Date {
        let date: Date
        if let member {
            guard case .string(let text) = member.value, let parsed = Timestamp.date(from: text) else {
                throw ReadingRejection(.invalidTime, type: type)
            }
            date = parsed
        } else {
            date = messageTime ?? receivedAt
        }
        guard date <= latest else { throw ReadingRejection(.timeInFuture, type: type) }
        guard date >= earliest else { throw ReadingRejection(.timeTooOld, type: type) }
        return date
    }
}
