import Foundation
import Testing
import VigilCore

struct CalendarDateTests {
    @Test func parsesValidDatesAndPrintsThemBack() throws {
        for text in ["1950-01-31", "2000-02-29", "2026-11-27"] {
            #expect(try #require(CalendarDate(text)).description == text)
        }
    }

    @Test func rejectsImpossibleOrMalformedDates() {
        for text in ["1900-02-29", "2026-13-01", "2026-04-31", "2026-1-01", "26-01-01", "2026/01/01", "", "2026-01-01T00:00"] {
            #expect(CalendarDate(text) == nil, "\(text)")
        }
    }

    @Test func decodesFromAndEncodesToAJSONString() throws {
        let date = try JSONDecoder().decode(CalendarDate.self, from: Data(#""1961-08-04""#.utf8))
        #expect(String(decoding: try JSONEncoder().encode(date), as: UTF8.self) == #""1961-08-04""#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CalendarDate.self, from: Data(#""1961-02-30""#.utf8)) }
    }
}
