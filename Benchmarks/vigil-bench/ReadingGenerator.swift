import Foundation
import VigilCore

/// Generates the readings a fleet of home devices sends: several patients, each
/// with a wearable, pulse oximeter, blood-pressure cuff, thermometer, scale and
/// glucometer, messages spread evenly over several days in the order they would
/// arrive. The same configuration gives the same readings on every run.
struct ReadingGenerator: Sendable {
    /// What to generate.
    struct Configuration: Sendable {
        /// How many patients the readings belong to. Default: 100.
        var patients = 100
        /// When the first message is measured. Default: 2026-01-01T00:00:00Z.
        var start = Date(millisecondsSince1970: 1_767_225_600_000)
        /// How many days the messages span. Default: 30.
        var days = 30
        /// The seed of the random generator. Default: 2026.
        var seed: UInt64 = 2026
    }

    /// What this generator generates.
    let configuration: Configuration

    /// A generator for `configuration`.
    init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Exactly `count` readings, oldest message first.
    func readings(count: Int) -> [Reading] {
        var generator = SeededGenerator(seed: configuration.seed)
        let profiles = (0..<max(configuration.patients, 1)).map { _ in PatientProfile(using: &generator) }

        // Which device of which patient sends each message, until there are enough readings.
        var messages: [(patient: Int, kind: DeviceKind)] = []
        var planned = 0
        while planned < count {
            let kind = DeviceKind.random(using: &generator)
            messages.append((Int.random(in: 0..<profiles.count, using: &generator), kind))
            planned += kind.readingsPerMessage
        }

        let start = configuration.start.millisecondsSince1970
        let span = Int64(configuration.days) * 86_400_000
        let step = max(span / Int64(max(messages.count, 1)), 1)
        var readings: [Reading] = []
        readings.reserveCapacity(planned)
        for (index, message) in messages.enumerated() {
            let measuredAt = start + Int64(index) * step + Int64.random(in: 0..<step, using: &generator)
            let receivedAt = measuredAt + Int64.random(in: 150...2500, using: &generator)
            readings += profiles[message.patient].readings(
                from: message.kind, measuredAt: measuredAt, receivedAt: receivedAt,
                messageID: generator.uuidString(), using: &generator)
        }
        readings.removeLast(readings.count - count)
        return readings
    }
}
