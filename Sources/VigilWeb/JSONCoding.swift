import Foundation
import VigilCore

/// The JSON conventions of the API: ISO 8601 times in UTC with milliseconds
/// when they are not zero; keys as the types name them.
public enum JSONCoding {
    /// Encodes API responses.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(format(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Writes the same JSON as `encoder`, faster: for server-sent events,
    /// written once per alert change.
    public static let compactEncoder = CompactJSONEncoder(dateFormat: { format($0) })

    /// Decodes request bodies; accepts times with or without fractional seconds.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseDate(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO 8601 time")
            }
            return date
        }
        return decoder
    }

    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let withoutFraction = Date.ISO8601FormatStyle()

    /// An ISO 8601 UTC time, with milliseconds only when they are not zero.
    public static func format(_ date: Date) -> String {
        date.millisecondsSince1970 % 1000 == 0
            ? ISO8601Timestamp.wholeSeconds(date) : ISO8601Timestamp.withMilliseconds(date)
    }

    /// Parses an ISO 8601 time with a zone, with or without fractional seconds.
    public static func parseDate(_ text: String) -> Date? {
        (try? withFraction.parse(text)) ?? (try? withoutFraction.parse(text))
    }
}
