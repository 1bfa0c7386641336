import Testing
import VigilCore
import VigilStore

/// Both stores keep conditions as a JSON array of names and read it back.
struct ConditionsColumnTests {
    @Test func readsBackWhatItWrites() throws {
        let conditions: [Condition] = [.heartFailure, .copd]
        let text = try ConditionsColumn.encode(conditions)
        #expect(text == #"["heartFailure","copd"]"#)
        #expect(try ConditionsColumn.decode(text) == conditions)
        #expect(try ConditionsColumn.decode("[]") == [])
    }

    @Test func dropsConditionsANewerBuildAdded() throws {
        #expect(try ConditionsColumn.decode(#"["diabetes","pregnancy"]"#) == [.diabetes])
    }

    @Test(arguments: ["", "{}", "[1]", #"["copd""#, "null"])
    func refusesAnythingButAnArrayOfNames(_ text: String) {
        #expect(throws: StoreError.self) { try ConditionsColumn.decode(text) }
    }
}
