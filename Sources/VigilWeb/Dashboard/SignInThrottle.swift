import Foundation

/// Counts failed dashboard sign-ins per username and per client address,
/// and refuses further attempts for a while once either reaches the limit.
///
/// Kept in memory, per node: it slows guessing down rather than being an
/// account lock an attacker could use to keep a clinician out for long.
actor SignInThrottle {
    private let limit: Int
    private let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    init(settings: DashboardSettings) {
        limit = max(1, settings.maximumFailedSignIns)
        window = settings.lockoutDuration
    }

    /// Seconds until `username` from `address` may try again, or nil if it may now.
    func retryAfter(username: String, address: String?, now: Date) -> Int? {
        let waits = keys(username: username, address: address).compactMap { key -> TimeInterval? in
            let recent = prune(key, now: now)
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return oldest.addingTimeInterval(window).timeIntervalSince(now)
        }
        guard let wait = waits.max() else { return nil }
        return max(1, Int(wait.rounded(.up)))
    }

    /// Records a failed attempt.
    func recordFailure(username: String, address: String?, now: Date) {
        for key in keys(username: username, address: address) {
            failures[key] = prune(key, now: now) + [now]
        }
        if failures.count > 10_000 { failures = failures.filter { !$0.value.isEmpty } }
    }

    /// Forgets the failures of a username after a successful sign-in.
    func recordSuccess(username: String) {
        failures[Self.userKey(username)] = nil
    }

    private func keys(username: String, address: String?) -> [String] {
        [Self.userKey(username)] + (address.map { ["address:" + $0] } ?? [])
    }

    private static func userKey(_ username: String) -> String { "user:" + username.lowercased() }

    private func prune(_ key: String, now: Date) -> [Date] {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        return recent
    }
}
