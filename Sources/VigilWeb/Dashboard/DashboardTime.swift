import Foundation

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

    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func text(_ date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d UTC", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
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
