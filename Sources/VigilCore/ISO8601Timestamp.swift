import Foundation

/// ISO 8601 times in UTC as Vigil writes them, such as
/// `2026-11-28T07:05:00.123Z`: the text Foundation's `ISO8601FormatStyle`
/// gives, worked out with `UTCDateParts` instead, since the format style
/// costs microseconds a call and every event, payload and API response
/// carries several times.
public enum ISO8601Timestamp {
    /// With milliseconds: `2026-11-28T07:05:00.123Z`.
    public static func withMilliseconds(_ date: Date) -> String {
        let milliseconds = date.millisecondsSince1970
        let (seconds, fraction) = floorDivision(milliseconds, 1000)
        let whole = wholeSeconds(Date(timeIntervalSince1970: Double(seconds)), zone: false)
        return whole + "." + padded(fraction, to: 3) + "Z"
    }

    /// To the second, any fraction dropped: `2026-11-28T07:05:00Z`.
    public static func wholeSeconds(_ date: Date) -> String {
        wholeSeconds(date, zone: true)
    }

    private static func wholeSeconds(_ date: Date, zone: Bool) -> String {
        let parts = UTCDateParts(date)
        return padded(parts.year, to: 4) + "-" + padded(parts.month, to: 2) + "-" + padded(parts.day, to: 2) + "T"
            + padded(parts.hour, to: 2) + ":" + padded(parts.minute, to: 2) + ":" + padded(parts.second, to: 2)
            + (zone ? "Z" : "")
    }

    /// `value` (not negative) in decimal with leading zeros to `width` digits.
    public static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, Int(remainder + divisor)) : (quotient, Int(remainder))
    }
}
