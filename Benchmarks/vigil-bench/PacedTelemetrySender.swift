import AsyncHTTPClient
import Foundation
import NIOCore

/// Devices that each send one reading per interval over HTTPS, on a fixed
/// schedule (open loop: a slow answer does not delay the next send), each
/// device at its own phase so the sends spread evenly over the interval.
struct PacedTelemetrySender: Sendable {
    /// One acknowledged send.
    struct Acknowledgement: Sendable {
        /// The reading sent.
        var key: ReadingKey
        /// When the request was sent.
        var sentAt: ContinuousClock.Instant
        /// When the 204 arrived.
        var acknowledgedAt: ContinuousClock.Instant
    }

    /// What the devices sent and got back.
    struct Outcome: Sendable {
        /// Every send answered 204.
        var acknowledged: [Acknowledgement] = []
        /// Sends answered otherwise or not at all.
        var failures = 0
        /// Wall-clock seconds from the first scheduled send to the last answer.
        var seconds = 0.0
    }

    let client: HTTPClient
    let baseURL: String
    let devices: [BenchDevice]
    /// Time between one device's sends.
    var interval: Duration = .seconds(1)
    /// The reading each send carries, given its time as ISO 8601 text.
    let body: @Sendable (_ time: String) -> String

    /// Sends for `duration`, then waits for the last answers.
    func run(for duration: Duration) async -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now + .milliseconds(500)
        let end = start + duration
        let count = devices.count
        var outcome = await withTaskGroup(of: Outcome.self) { group in
            for (index, device) in devices.enumerated() {
                let phase = interval * (Double(index) / Double(count))
                group.addTask { await send(as: device, from: start + phase, until: end) }
            }
            var total = Outcome()
            for await part in group {
                total.acknowledged += part.acknowledged
                total.failures += part.failures
            }
            return total
        }
        outcome.seconds = Double((clock.now - start).microseconds) / 1_000_000
        return outcome
    }

    private func send(as device: BenchDevice, from first: ContinuousClock.Instant, until end: ContinuousClock.Instant)
        async -> Outcome
    {
        var outcome = Outcome()
        var next = first
        while next < end {
            try? await Task.sleep(until: next, clock: .continuous)
            next += interval
            let millisecond = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
            let request = device.telemetryRequest(baseURL: baseURL, body: body(Self.isoTime(millisecond: millisecond)))
            let sentAt = ContinuousClock.now
            do {
                let response = try await client.execute(request, timeout: .seconds(10))
                _ = try await response.body.collect(upTo: 64 * 1024)
                guard response.status == .noContent else {
                    outcome.failures += 1
                    continue
                }
                outcome.acknowledged.append(
                    Acknowledgement(
                        key: ReadingKey(patientID: device.patientID, millisecond: millisecond), sentAt: sentAt,
                        acknowledgedAt: ContinuousClock.now))
            } catch {
                outcome.failures += 1
            }
        }
        return outcome
    }

    /// `millisecond` (since 1970) as ISO 8601 UTC text with milliseconds.
    static func isoTime(millisecond: Int64) -> String {
        let seconds = Date(timeIntervalSince1970: Double(millisecond / 1000)).formatted(.iso8601)
        let fraction = String(millisecond % 1000)
        return seconds.dropLast() + "." + String(repeating: "0", count: 3 - fraction.count) + fraction + "Z"
    }
}
