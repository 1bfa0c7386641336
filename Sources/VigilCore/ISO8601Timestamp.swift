import Foundation

/// ISO 8601 times in UTC as Vigil writes them, such as
/// `2026-11-28T07:05:00.123Z`: the text Foundation's `ISO8601FormatStyle`
/// gives, worked out with `UTCDateParts` instead, since the format style
/// costs microseconds a call and every event, payload and API response
/// carries several times.
public enum ISO8601Timestamp {
    /// With the stored milliseconds: `2026-11-28T07:05:00.123Z`.
    public static func withMilliseconds(_ date: Date) -> String {
        let milliseconds = date.millisecondsSince1970
        let fraction = Int((milliseconds % 1000 + 1000) % 1000)
        let second = UTCDateParts(Date(millisecondsSince1970: milliseconds - Int64(fraction)))
        return calendarDate(second) + "T" + timeOfDay(second) + "." + padded(fraction, to: 3) + "Z"
    }

    /// To the second, any fraction dropped: `2026-11-28T07:05:00Z`.
    public static func wholeSeconds(_ date: Date) -> String {
        let parts = UTCDateParts(date)
        return calendarDate(parts) + "T" + timeOfDay(parts) + "Z"
    }

    /// The date part: `2026-11-28`.
    public static func calendarDate(_ parts: UTCDateParts) -> String {
        padded(parts.year, to: 4) + "-" + padded(parts.month, to: 2) + "-" + padded(parts.day, to: 2)
    }

    /// `value` (not negative) in decimal with leading zeros to `width` digits.
    public static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func timeOfDay(_ parts: UTCDateParts) -> String {
        padded(parts.hour, to: 2) + ":" + padded(parts.minute, to: 2) + ":" + padded(parts.second, to: 2)
    }
}
