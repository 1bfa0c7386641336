import Foundation

/// What `vigil serve --demo` creates and simulates.
public struct DemoConfiguration: Sendable {
    /// Patients in the demo ward. Default 8 (every profile, the first deteriorating toward sepsis).
    public var patients: Int = 8
    /// Days of history written on a fresh data folder. Default 3.
    public var historyDays: Double = 3
    /// Simulated seconds per real second; 1 (the default) runs in real time.
    /// Tests compress the clock; the server's clock must then be ``DemoClock/now``.
    public var timeScale: Double = 1
    /// Seeds the simulation. Default 7.
    public var seed: UInt64 = 7
    /// How long (simulated) the deteriorating patient takes to reach the worst
    /// state, and how long before the start it began: by default it started a
    /// minute and a half before and worsens over three, so NEWS2 rises and an alert is
    /// raised within the first two minutes.
    public var deteriorationDuration: TimeInterval = 180
    /// How long before the start the deterioration began (see ``deteriorationDuration``).
    public var deteriorationLead: TimeInterval = 90
    /// The chance a message carries a deliberately bad reading (seen in quarantine). Default 0.02.
    public var badReadingProbability: Double = 0.02

    /// The bootstrap `admin`'s password on a fresh demo data folder (unless
    /// `VIGIL_BOOTSTRAP_ADMIN_PASSWORD` gives another).
    public static let adminPassword = "vigil-demo-admin"
    /// The demo clinician's login; on every demo patient's care team.
    public static let clinician = (username: "clinician", password: "vigil-demo-clinician")
    /// The demo patient user's login; bound to the second demo patient.
    public static let patient = (username: "patient", password: "vigil-demo-patient")

    public init() {}
}
