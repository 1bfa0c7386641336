import PostgresNIO
import VigilCore

/// Readings written as the data of `COPY readings (…) FROM STDIN` in PostgreSQL's
/// text format: one line per reading, columns separated by tabs, `\N` for NULL,
/// and backslash, tab, newline and carriage return escaped inside text.
enum PostgresCopyText {
    /// The columns each line holds, in order.
    static let readingColumns = [
        "patient_id", "device_id", "type", "value", "original_value", "original_unit", "measured_at", "received_at",
        "message_id",
    ]

    /// Appends one line per reading to `buffer`.
    static func write(_ readings: some Collection<Reading>, to buffer: inout ByteBuffer) {
        buffer.reserveCapacity(minimumWritableBytes: readings.count * 160)
        for reading in readings {
            write(reading.patientID.rawValue, to: &buffer)
            buffer.writeInteger(tab)
            write(reading.deviceID?.rawValue, to: &buffer)
            buffer.writeInteger(tab)
            write(reading.type.rawValue, to: &buffer)
            buffer.writeInteger(tab)
            write(reading.value, to: &buffer)
            buffer.writeInteger(tab)
            write(reading.originalValue, to: &buffer)
            buffer.writeInteger(tab)
            write(reading.originalUnit, to: &buffer)
            buffer.writeInteger(tab)
            buffer.writeString(String(reading.measuredAt.millisecondsSince1970))
            buffer.writeInteger(tab)
            buffer.writeString(String(reading.receivedAt.millisecondsSince1970))
            buffer.writeInteger(tab)
            write(reading.messageID, to: &buffer)
            buffer.writeInteger(newline)
        }
    }

    private static let tab = UInt8(ascii: "\t")
    private static let newline = UInt8(ascii: "\n")
    private static let backslash = UInt8(ascii: "\\")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// A text value, escaped; `\N` for `nil`.
    static func write(_ text: String?, to buffer: inout ByteBuffer) {
        guard let text else {
            buffer.writeStaticString("\\N")
            return
        }
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == backslash || $0 == tab || $0 == newline || $0 == carriageReturn }) else {
            buffer.writeString(text)
            return
        }
        for byte in utf8 {
            switch byte {
            case backslash: buffer.writeStaticString("\\\\")
            case tab: buffer.writeStaticString("\\t")
            case newline: buffer.writeStaticString("\\n")
            case carriageReturn: buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// A number in a form `float8in` reads back exactly: Swift's shortest
    /// round-tripping digits, or PostgreSQL's names for the non-finite values.
    static func write(_ value: Double, to buffer: inout ByteBuffer) {
        if value.isNaN {
            buffer.writeStaticString("NaN")
        } else if value.isInfinite {
            buffer.writeStaticString(value < 0 ? "-Infinity" : "Infinity")
        } else {
            buffer.writeString(value.description)
        }
    }
}
