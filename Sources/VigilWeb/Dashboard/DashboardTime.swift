import Foundation
import VigilCore

/// Times as the dashboard shows them: UTC, to the minute, with how long ago.
enum DashboardTime {
    /// A `<time>` element's parts.
    struct Stamp {
        /// ISO 8601, for the `datetime` attribute.
        let iso: String
        /// Such as "2026-11-28 02:40 UTC".
        let text: String
        /// Such as "12 min ago".
        let ago: String
    }

    static func stamp(_ date: Date, now: Date) -> Stamp {
        Stamp(iso: iso(date), text: text(date), ago: ago(date, now: now))
    }

    /// Such as "2026-11-28T02:40:00Z".
    static func iso(_ date: Date) -> String {
        ISO8601Timestamp.wholeSeconds(date)
    }

    /// Such as "2026-11-28 02:40 UTC".
    static func text(_ date: Date) -> String {
        let parts = UTCDateParts(date)
        let hour = ISO8601Timestamp.padded(parts.hour, to: 2)
        return "\(ISO8601Timestamp.calendarDate(parts)) \(hour):\(ISO8601Timestamp.padded(parts.minute, to: 2)) UTC"
    }

    static func ago(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date))
        switch seconds {
        case ..<60: return "just now"
        case ..<3600: return "\(seconds / 60) min ago"
        case ..<86_400: return "\(seconds / 3600) h ago"
        default: return "\(seconds / 86_400) d ago"
        }
    }
}
