import Foundation

/// ISO 8601 times in UTC as Vigil writes them, such as
/// `2026-11-28T07:05:00.123Z`: the text Foundation's `ISO8601FormatStyle`
/// gives, worked out with `UTCDateParts` instead and written digit by digit
/// into one string, since the format style costs microseconds a call and
/// every event, payload and API response carries several times.
public enum ISO8601Timestamp {
    /// With the stored milliseconds: `2026-11-28T07:05:00.123Z`.
    public static func withMilliseconds(_ date: Date) -> String {
        let milliseconds = date.millisecondsSince1970
        let fraction = Int((milliseconds % 1000 + 1000) % 1000)
        let second = UTCDateParts(Date(millisecondsSince1970: milliseconds - Int64(fraction)))
        return text { writer in
            writer.dateAndTime(second)
            writer.append(".")
            writer.append(fraction, width: 3)
            writer.append("Z")
        }
    }

    /// To the second, any fraction dropped: `2026-11-28T07:05:00Z`.
    public static func wholeSeconds(_ date: Date) -> String {
        text { writer in
            writer.dateAndTime(UTCDateParts(date))
            writer.append("Z")
        }
    }

    /// The date part: `2026-11-28`.
    public static func calendarDate(_ parts: UTCDateParts) -> String {
        text { $0.calendarDate(parts) }
    }

    /// `value` (not negative) in decimal with leading zeros to `width` digits.
    public static func padded(_ value: Int, to width: Int) -> String {
        text { $0.append(value, width: width) }
    }

    /// The ASCII text `write` puts in a buffer long enough for any of the above.
    private static func text(_ write: (inout DigitWriter) -> Void) -> String {
        String(unsafeUninitializedCapacity: 48) { buffer in
            var writer = DigitWriter(buffer: buffer)
            write(&writer)
            return writer.count
        }
    }
}

/// Writes ASCII digits and separators into a buffer, left to right.
private struct DigitWriter {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    mutating func append(_ character: Unicode.Scalar) {
        buffer[count] = UInt8(ascii: character)
        count += 1
    }

    /// `value` in decimal, with leading zeros to `width` digits (a year
    /// before 1 BC gets a minus sign).
    mutating func append(_ value: Int, width: Int) {
        if value < 0 { append("-") }
        let value = value.magnitude
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let length = max(digits, width)
        var remaining = value
        for index in stride(from: count + length - 1, through: count, by: -1) {
            buffer[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        }
        count += length
    }

    /// `2026-11-28`.
    mutating func calendarDate(_ parts: UTCDateParts) {
        append(parts.year, width: 4)
        append("-")
        append(parts.month, width: 2)
        append("-")
        append(parts.day, width: 2)
    }

    /// `2026-11-28T07:05:00`.
    mutating func dateAndTime(_ parts: UTCDateParts) {
        calendarDate(parts)
        append("T")
        append(parts.hour, width: 2)
        append(":")
        append(parts.minute, width: 2)
        append(":")
        append(parts.second, width: 2)
    }
}
