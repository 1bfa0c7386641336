import Foundation

/// A moment's calendar fields in UTC, worked out arithmetically (days since
/// 1970 to a proleptic Gregorian date) rather than through `Calendar`, which
/// costs microseconds a call: a worklist formats a time for every patient,
/// and every event payload carries several.
public struct UTCDateParts: Equatable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int
    public let hour: Int
    public let minute: Int
    public let second: Int

    /// Seconds in a day.
    public static let secondsPerDay = 86_400

    /// The fields of `date`, to the whole second below it.
    public init(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = Self.floorDivision(seconds, Self.secondsPerDay)
        (year, month, day) = Self.civilDate(daysSince1970: days)
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        second = secondOfDay % 60
    }

    /// The start (00:00 UTC) of the day containing `date`.
    public static func startOfDay(_ date: Date) -> Date {
        let (days, _) = floorDivision(Int(date.timeIntervalSince1970.rounded(.down)), secondsPerDay)
        return Date(timeIntervalSince1970: Double(days * secondsPerDay))
    }

    /// Quotient rounded down and the non-negative remainder.
    private static func floorDivision(_ value: Int, _ divisor: Int) -> (Int, Int) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    /// Year, month and day of the day `days` after 1970-01-01, by eras of
    /// 400 years (146,097 days) counted from 0000-03-01, so leap days fall at
    /// the end of each year of the era.
    private static func civilDate(daysSince1970 days: Int) -> (Int, Int, Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
