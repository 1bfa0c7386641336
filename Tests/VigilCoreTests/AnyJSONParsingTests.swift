import Foundation
import Testing
import VigilCore

/// `AnyJSON(parsing:)` reads a document exactly as `JSONDecoder` does.
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

    @Test func parsingRefusesWhatIsNotJSON() {
        #expect(AnyJSON(parsing: Data("{not json".utf8)) == nil)
    }
}
