import Foundation
import Testing

@testable import VigilWeb

/// The dashboard's times read as Foundation's calendar and formatters would
/// write them, across leap years and centuries.
@Suite("Dashboard times")
struct DashboardTimeTests {
    /// Moments spread over 1600–2400, plus the edges that trip date arithmetic.
    static let moments: [Date] = {
        var generator = SystemRandomNumberGenerator()
        let edges: [Double] = [
            0, -1, 86_399, 86_400, -86_400, 951_782_400, 951_868_799, 4_107_542_400, -2_208_988_800, 1_795_845_164.75,
        ]
        let spread = (0..<2_000).map { _ in Double.random(in: -11_676_096_000...13_569_465_600, using: &generator) }
        return (edges + spread).map(Date.init(timeIntervalSince1970:))
    }()

    @Test
    func textsMatchFoundationFormatting() {
        for moment in Self.moments where moment.timeIntervalSince1970 >= 0 {
            #expect(DashboardTime.iso(moment) == moment.formatted(.iso8601))
            let parts = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute], from: moment)
            let expected = String(
                format: "%04d-%02d-%02d %02d:%02d UTC", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
            #expect(DashboardTime.text(moment) == expected)
        }
    }
}
