import Foundation

/// Settings of the clinician dashboard's sign-in sessions.
public struct DashboardSettings: Sendable {
    /// A session not used for this long ends. Default 15 minutes.
    public var idleTimeout: TimeInterval
    /// A session ends this long after sign-in, however active. Default 8 hours (a clinical shift).
    public var absoluteLifetime: TimeInterval
    /// Failed sign-ins, per username or per client address, before sign-in is
    /// refused for `lockoutDuration`. Default 5.
    public var maximumFailedSignIns: Int
    /// How long failed sign-ins are remembered and sign-in stays locked. Default 15 minutes.
    public var lockoutDuration: TimeInterval
    /// How long a sign-in whose password was right waits for its TOTP code. Default 5 minutes.
    public var secondFactorTimeout: TimeInterval
    /// Whether cookies carry the `Secure` attribute. `VigilRouter` sets it on
    /// the TLS listener; the plain-HTTP listener leaves it off.
    public var secureCookies: Bool

    public init(
        idleTimeout: TimeInterval = 15 * 60, absoluteLifetime: TimeInterval = 8 * 3600,
        maximumFailedSignIns: Int = 5, lockoutDuration: TimeInterval = 15 * 60,
        secondFactorTimeout: TimeInterval = 5 * 60, secureCookies: Bool = false
    ) {
        self.idleTimeout = idleTimeout
        self.absoluteLifetime = absoluteLifetime
        self.maximumFailedSignIns = maximumFailedSignIns
        self.lockoutDuration = lockoutDuration
        self.secondFactorTimeout = secondFactorTimeout
        self.secureCookies = secureCookies
    }
}
