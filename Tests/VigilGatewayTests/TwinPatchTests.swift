import Foundation
import Testing
import VigilCore

@testable import VigilGateway

@Suite("Twin merge patches")
struct TwinPatchTests {
    static func json(_ text: String) throws -> AnyJSON {
        try JSONDecoder().decode(AnyJSON.self, from: Data(text.utf8))
    }

    @Test func mergePatchFollowsRFC7396() throws {
        let document = try Self.json(#"{"a":"b","c":{"d":"e","f":"g"},"n":1}"#)
        let patch = try Self.json(#"{"a":"z","c":{"f":null},"n":2.5,"new":[1,2]}"#)
        #expect(document.merging(patch) == (try Self.json(#"{"a":"z","c":{"d":"e"},"n":2.5,"new":[1,2]}"#)))
        #expect(document.merging(try Self.json(#"{"c":null}"#)) == (try Self.json(#"{"a":"b","n":1}"#)))
        #expect(AnyJSON.object([:]).merging(try Self.json(#"{"x":{"y":null}}"#)) == (try Self.json(#"{"x":{}}"#)))
    }

    @Test func integersStayIntegers() throws {
        let value = try Self.json(#"{"interval":60,"ratio":0.5,"on":true}"#)
        #expect(value == .object(["interval": .integer(60), "ratio": .number(0.5), "on": .bool(true)]))
        let text = try CompactJSONEncoder().encodeString(value)
        #expect(text == #"{"interval":60,"on":true,"ratio":0.5}"#)
    }

    @Test func patchesDropATopLevelVersionAndRefuseOtherDollarNames() throws {
        #expect(try DeviceTwins.readPatch(Data(#"{"$version":4,"a":1}"#.utf8)) == ["a": .integer(1)])
        #expect(throws: TwinPatchError(.reservedName)) { try DeviceTwins.readPatch(Data(#"{"a":{"$b":1}}"#.utf8)) }
        #expect(throws: TwinPatchError(.notAnObject)) { try DeviceTwins.readPatch(Data("[1]".utf8)) }
        #expect(throws: TwinPatchError(.invalidJSON)) { try DeviceTwins.readPatch(Data("{".utf8)) }
    }

    @Test func deviceDocumentCarriesBothVersions() throws {
        let twin = DeviceTwinFixture.twin(
            desired: #"{"interval":60}"#, desiredVersion: 3, reported: "{}", reportedVersion: 1)
        let document = try Self.json(String(decoding: try DeviceTwins.deviceDocument(twin), as: UTF8.self))
        #expect(
            document
                == .object([
                    "desired": .object(["interval": .integer(60), "$version": .integer(3)]),
                    "reported": .object(["$version": .integer(1)]),
                ]))
        let patch = try Self.json(
            String(decoding: try DeviceTwins.patchDocument(["a": .null], version: 4), as: UTF8.self))
        #expect(patch == .object(["a": .null, "$version": .integer(4)]))
    }
}
