import Foundation
import Testing
import VigilCore

/// `CompactJSONEncoder` writes exactly what `JSONEncoder` writes with sorted
/// keys and unescaped slashes, for every shape of value the payloads use.
struct CompactJSONEncoderTests {
    private enum Level: String, Encodable { case low, high }

    private struct Inner: Encodable {
        var zeta = 1
        var alpha: String? = "a"
        var list: [Int] = [3, 1, 2]
    }

    private struct Everything: Encodable {
        var name = "Ward \"7\" / bay\\2\n\t\u{1}é😀"
        var level = Level.high
        var count = -42
        var small: UInt8 = 200
        var big = UInt64.max
        var flag = true
        var missing: Int? = nil
        var present: Double? = 98.6
        var whole = 135.0
        var values = [0.1, -0.0, 1e-7, 1e21, 123_456_789.125, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 72]
        var inner = Inner()
        var inners = [Inner(zeta: 2, alpha: nil, list: []), Inner()]
        var table = ["b": 2, "a": 1, "B": 3, "aa": 4]
        var numbered = [10: "ten", 9: "nine"]
        var empty: [String: Int] = [:]
        var nothing: [Int] = []
        var link = URL(string: "https://example.org/a/b?c=d")!
        var blob = Data([0, 1, 2, 250])
        var when = Date(timeIntervalSince1970: 1_790_000_000.123)
        var document = AnyJSON.object([
            "z": .array([.integer(1), .number(2.5), .null, .bool(false)]), "a": .string("x"),
            "m": .object(["q": .integer(-7)]),
        ])
    }

    /// A value whose `encode(to:)` writes nothing; `JSONEncoder` gives `{}`.
    private struct Silent: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    private struct Holder: Encodable {
        var silent = Silent()
        var after = 1
    }

    /// An enum that writes its kind, then lets its payload add its members to
    /// the same object with the same encoder (as rule conditions do).
    private enum Flattened: Encodable {
        case inner(Inner)
        case none

        private enum Key: String, CodingKey { case kind, extra }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            switch self {
            case .inner(let inner):
                try container.encode("inner", forKey: .kind)
                try container.encode(Inner(), forKey: .extra)
                try inner.encode(to: encoder)
            case .none:
                try container.encode("none", forKey: .kind)
            }
        }
    }

    private struct FlattenedHolder: Encodable {
        var first = Flattened.inner(Inner(zeta: 9, alpha: "z", list: [4]))
        var all = [Flattened.none, .inner(Inner())]
        var last = 1
    }

    private func foundation(_ value: some Encodable, dates: JSONEncoder.DateEncodingStrategy = .deferredToDate)
        throws -> String
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = dates
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func writesWhatJSONEncoderWritesWithDefaultDates() throws {
        let value = Everything()
        let written = try CompactJSONEncoder().encodeString(value)
        #expect(written == (try foundation(value)))
        #expect(written.hasPrefix(#"{"big":18446744073709551615,"blob":"AAEC+g==","count":-42,"document":{"a":"x","#))
        #expect(written.contains(#""numbered":{"10":"ten","9":"nine"}"#))
        #expect(written.contains(#""table":{"B":3,"a":1,"aa":4,"b":2}"#))
    }

    @Test func writesDatesWithTheGivenFormat() throws {
        let value = Everything()
        let format: @Sendable (Date) -> String = { ISO8601Timestamp.withMilliseconds($0) }
        let expected = try foundation(
            value,
            dates: .custom { date, encoder in
                var container = encoder.singleValueContainer()
                try container.encode(format(date))
            })
        #expect(try CompactJSONEncoder(dateFormat: format).encodeString(value) == expected)
        #expect(expected.contains(#""when":"2026-09-21T"#))
    }

    @Test func givesAMemberThatWroteNothingAnEmptyObject() throws {
        #expect(try CompactJSONEncoder().encodeString(Holder()) == foundation(Holder()))
        #expect(try CompactJSONEncoder().encodeString(Holder()) == #"{"after":1,"silent":{}}"#)
    }

    @Test func mergesAContainerAskedForTwiceAtOneLevelIntoOneObject() throws {
        #expect(try CompactJSONEncoder().encodeString(FlattenedHolder()) == foundation(FlattenedHolder()))
        #expect(
            try CompactJSONEncoder().encodeString(Flattened.inner(Inner()))
                == #"{"alpha":"a","extra":{"alpha":"a","list":[3,1,2],"zeta":1},"kind":"inner","list":[3,1,2],"zeta":1}"#)
    }

    @Test func writesTopLevelScalarsAndArrays() throws {
        #expect(try CompactJSONEncoder().encodeString("a/b") == foundation("a/b"))
        #expect(try CompactJSONEncoder().encodeString([Inner(), Inner()]) == foundation([Inner(), Inner()]))
        #expect(try CompactJSONEncoder().encodeString(12.0) == "12")
    }

    @Test func refusesNonFiniteNumbers() {
        #expect(throws: EncodingError.self) { try CompactJSONEncoder().encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try CompactJSONEncoder().encode(["x": Double.infinity]) }
    }
}
