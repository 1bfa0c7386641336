import Foundation
import Testing
import VigilCore

/// `JSONFragment(parsing:)` reads a document exactly as `JSONDecoder` does.
struct JSONFragmentTests {
    @Test func parsingKeepsBooleansNumbersStringsNullsAndNesting() throws {
        let document = Data(#"{"flag":true,"off":false,"one":1,"value":36.6,"name":"spo2","none":null,"list":[0,true,"x",{"a":[]}]}"#.utf8)
        let parsed = try #require(JSONFragment(parsing: document))
        #expect(
            parsed
                == .object([
                    "flag": .bool(true), "off": .bool(false), "one": .number(1), "value": .number(36.6),
                    "name": .string("spo2"), "none": .null,
                    "list": .array([.number(0), .bool(true), .string("x"), .object(["a": .array([])])]),
                ]))
        #expect(parsed == (try JSONDecoder().decode(JSONFragment.self, from: document)))
    }

    @Test func parsingRefusesWhatIsNotJSON() {
        #expect(JSONFragment(parsing: Data("{not json".utf8)) == nil)
    }
}
