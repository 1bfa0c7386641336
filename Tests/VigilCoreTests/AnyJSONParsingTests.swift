import Foundation
import Testing
import VigilCore

/// `AnyJSON(parsing:)` reads a document exactly as `JSONDecoder` does, and
/// refuses what is not one JSON document.
struct AnyJSONParsingTests {
    @Test func parsingKeepsBooleansNumbersStringsNullsAndNesting() throws {
        let document = Data(#"{"flag":true,"off":false,"one":1,"value":36.6,"name":"spo2","none":null,"list":[0,true,"x",{"a":[]}]}"#.utf8)
        let parsed = try #require(AnyJSON(parsing: document))
        #expect(
            parsed
                == .object([
                    "flag": .bool(true), "off": .bool(false), "one": .integer(1), "value": .number(36.6),
                    "name": .string("spo2"), "none": .null,
                    "list": .array([.integer(0), .bool(true), .string("x"), .object(["a": .array([])])]),
                ]))
        #expect(parsed == (try JSONDecoder().decode(AnyJSON.self, from: document)))
    }

    @Test(arguments: [
        #"  [ -0 , 12 , -7.25 , 2.5E-2 , 9223372036854775807 , 9223372036854775808 ]  "#,
        #"{"a" : { "b" : [ { } , [ ] ] } , "c" : 2 }"#,
        #""line\nbreak \"quoted\" back\\slash \/ tab\t é \u00e9 \uD83D\uDE00 end""#,
        #"{"details":{"kind":"news2","news2":{"total":7,"missing":[],"subScores":{"pulse":3}}}}"#,
        "true", "null", "-12.345e+1",
    ])
    func parsingAgreesWithJSONDecoder(_ text: String) throws {
        let document = Data(text.utf8)
        let parsed = try #require(AnyJSON(parsing: document))
        #expect(parsed == (try JSONDecoder().decode(AnyJSON.self, from: document)))
    }

    /// Numbers stay as written: integers without a fraction or exponent (and
    /// within 64 bits), doubles otherwise (`JSONDecoder` would read `6e1` as 60).
    @Test func wholeNumbersStayIntegersAndOthersAreDoubles() throws {
        let parsed = try #require(AnyJSON(parsing: Data("[60, 60.0, 6e1, -3, 18446744073709551616]".utf8)))
        #expect(parsed == .array([.integer(60), .number(60), .number(60), .integer(-3), .number(18446744073709551616)]))
    }

    @Test func theLastOfDuplicateKeysWins() throws {
        #expect(AnyJSON(parsing: Data(#"{"a":1,"a":2}"#.utf8)) == .object(["a": .integer(2)]))
    }

    @Test(arguments: [
        "", " ", "{not json", "{\"a\":1,}", "[1,]", "[1 2]", "01", "1.", ".5", "-", "+1", "1e", "tru", "nul",
        "\"unterminated", "\"bad \\x escape\"", "\"\\uD83D alone\"", "\"\\u12G4\"", "{\"a\" 1}", "{1:2}",
        "[1] 2", "\"raw \u{01} control\"", "NaN", "Infinity",
    ])
    func parsingRefusesWhatIsNotJSON(_ text: String) {
        #expect(AnyJSON(parsing: Data(text.utf8)) == nil)
    }

    @Test func parsingRefusesInvalidUTF8AndDeepNesting() {
        #expect(AnyJSON(parsing: Data([0x22, 0xFF, 0xFE, 0x22])) == nil)
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(AnyJSON(parsing: Data(deep.utf8)) == nil)
        let allowed = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(AnyJSON(parsing: Data(allowed.utf8)) != nil)
    }
}
