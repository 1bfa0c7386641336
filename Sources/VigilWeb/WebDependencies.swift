import Foundation
import Logging
import VigilCore
import VigilSecurity
import VigilStore

/// What the web layer needs from the rest of Vigil.
public struct WebDependencies: Sendable {
    public var store: any Store
    public var passwords: PasswordHasher
    public var tokens: TokenIssuer
    /// Device keys, telemetry and quarantine replay.
    public var devices: DeviceServices
    /// The current time; injectable so tests can move it.
    public var now: @Sendable () -> Date

    public init(
        store: any Store, passwords: PasswordHasher, tokens: TokenIssuer, devices: DeviceServices,
        now: @escaping @Sendable () -> Date
    ) {
        self.store = store
        self.passwords = passwords
        self.tokens = tokens
        self.devices = devices
        self.now = now
    }
}
