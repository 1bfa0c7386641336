import Testing
import VigilGateway

@Suite("IoT Hub property bag")
struct IoTHubPropertyBagTests {
    @Test func readsPercentEncodedSystemAndApplicationProperties() throws {
        let bag = try #require(
            IoTHubPropertyBag(parsing: "%24.mid=abc-1&%24.ct=application%2Fjson&%24.ce=utf-8&room=2%2Fb&flag"))
        #expect(bag.messageID == "abc-1")
        #expect(bag.contentType == "application/json")
        #expect(bag.applicationProperties == ["room": "2/b", "flag": ""])
    }

    @Test func skipsALeadingQuestionMarkAndEmptyPairs() throws {
        let bag = try #require(IoTHubPropertyBag(parsing: "?$rid=7&&$version=3&"))
        #expect(bag.values == ["$rid": "7", "$version": "3"])
    }

    @Test func keepsPlusAndRawSlashesAsTheSDKSendsThem() throws {
        // Python's quote() leaves `/` raw; `+` is not a space in this encoding.
        let bag = try #require(IoTHubPropertyBag(parsing: "%24.ct=application/json&sum=1+1"))
        #expect(bag.contentType == "application/json")
        #expect(bag.values["sum"] == "1+1")
    }

    @Test func emptyBagHasNoMessageID() throws {
        let bag = try #require(IoTHubPropertyBag(parsing: ""))
        #expect(bag.values.isEmpty)
        #expect(bag.messageID == nil)
        #expect(IoTHubPropertyBag(parsing: "%24.mid=")?.messageID == nil)
    }

    @Test(arguments: ["%zz=1", "a=%4", "=value", "%=1"])
    func refusesMalformedEscapesAndEmptyKeys(_ text: String) {
        #expect(IoTHubPropertyBag(parsing: Substring(text)) == nil)
    }

    @Test func encodesEverythingButUnreservedCharactersWithSortedKeys() throws {
        let bag = IoTHubPropertyBag(["$.mid": "m/1", "b": "x y&z=1", "a": "ü"])
        #expect(bag.encoded == "%24.mid=m%2F1&a=%C3%BC&b=x%20y%26z%3D1")
        #expect(IoTHubPropertyBag(parsing: Substring(bag.encoded)) == bag)
    }
}
