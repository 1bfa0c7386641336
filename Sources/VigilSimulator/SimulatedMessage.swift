import Foundation

/// One device message as the simulator would send it.
public struct SimulatedMessage: Sendable {
    /// The device that sends it.
    public let device: SimulatedDevice
    /// When it was measured (the body's `time`); for a batch, the last measurement.
    public let measuredAt: Date
    /// The body's `messageId`, unique per device and measurement.
    public let messageID: String
    /// The JSON body.
    public let body: Data
    /// How many readings Vigil should store.
    public let validReadings: Int
    /// The bad readings added on purpose, each with the reason Vigil must give.
    public let faults: [InjectedFault]
}
