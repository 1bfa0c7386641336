import Foundation
import VigilCore

/// One patient's heart rate once a second, as a wearable streaming continuously
/// sends it: a personal resting rate, lower at night, drifting slowly, with
/// beat-to-beat noise. The same seed gives the same series on every run.
struct HeartRateSeries: Sendable {
    /// The patient the readings belong to.
    let patientID: PatientID
    /// The wearable that sends them.
    let deviceID: DeviceID
    /// Milliseconds since 1970 of the first reading.
    let start: Int64
    /// How many readings the series has (one per second).
    let count: Int
    private let seed: UInt64

    /// A series of `count` readings, one a second from `start`.
    init(start: Date, count: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        patientID = PatientID(generator.uuidString())
        deviceID = DeviceID("wearable-\(SeededGenerator.hex(generator.next() >> 32, digits: 8))")
        self.start = start.millisecondsSince1970
        self.count = count
        self.seed = generator.next()
    }

    /// The series in order, handed to `body` in batches of at most `batchSize` readings.
    func forEachBatch(of batchSize: Int, _ body: ([Reading]) async throws -> Void) async rethrows {
        var generator = SeededGenerator(seed: seed)
        var drift = 0.0
        var messageID = ""
        var batch: [Reading] = []
        batch.reserveCapacity(batchSize)
        for second in 0..<count {
            // The wearable uploads a minute of readings per message.
            if second % 60 == 0 { messageID = generator.uuidString() }
            let measuredAt = start + Int64(second) * 1000
            let hour = Int((measuredAt / 3_600_000) % 24)
            let asleep = hour < 6 || hour >= 23
            drift = (drift + generator.normal(mean: 0, deviation: 0.05)).clamped(to: -6...6)
            let value = (72 + (asleep ? -9 : 3) + drift + generator.normal(mean: 0, deviation: 2.5))
                .rounded().clamped(to: 35...190)
            batch.append(
                Reading(
                    patientID: patientID, deviceID: deviceID, type: .heartRate, value: value,
                    originalValue: String(Int(value)), originalUnit: "{beats}/min",
                    measuredAt: Date(millisecondsSince1970: measuredAt),
                    receivedAt: Date(millisecondsSince1970: start + Int64(second / 60 + 1) * 60_000 + 400),
                    messageID: messageID))
            if batch.count == batchSize {
                try await body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try await body(batch) }
    }
}
