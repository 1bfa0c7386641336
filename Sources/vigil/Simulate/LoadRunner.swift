import Foundation
import VigilSimulator

/// Drives a ``SimulationPlan`` through a ``TelemetrySender``.
///
/// - `realistic`: devices follow their habits in real time (a cuff twice a
///   day, a wearable every minute), after an optional back-fill of history.
/// - `load`: messages at a target rate, round the devices, each holding
///   `batch` measurements, with at most `concurrency` in flight.
struct LoadRunner: Sendable {
    enum Mode: Sendable {
        case realistic(backfill: TimeInterval)
        case load(rate: Double, batch: Int)
    }

    let plan: SimulationPlan
    let sender: any TelemetrySender
    let mode: Mode
    let duration: TimeInterval
    let concurrency: Int
    let transport: String
    /// Writes the progress line (to standard error) about once a second.
    let progress: (@Sendable (String) -> Void)?

    func run() async -> LoadSummary {
        let tally = LoadTally()
        let started = ContinuousClock.now
        let elapsed = { @Sendable () -> Double in
            let duration = ContinuousClock.now - started
            return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        let reporter = Task {
            guard let progress else { return }
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                progress(await tally.progressLine(elapsed: elapsed()))
            }
        }
        switch mode {
        case .realistic(let backfill):
            let start = Date()
            if backfill > 0 {
                // As devices that were offline: stored measurements forwarded an hour's worth at a time.
                await send(
                    plan.storedAndForwarded(from: start.addingTimeInterval(-backfill), to: start, batch: 60),
                    tally: tally)
            }
            var cursor = start
            while elapsed() < duration && !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                let now = Date()
                await send(plan.messages(from: cursor, to: now), tally: tally)
                cursor = now
            }
        case .load(let rate, let batch):
            await load(rate: rate, batch: batch, tally: tally, elapsed: elapsed)
        }
        reporter.cancel()
        let seconds = elapsed()
        let acknowledged = await tally.acknowledged
        return LoadSummary(
            transport: transport, devices: plan.devices.count, seconds: seconds, sent: await tally.sent,
            acknowledged: acknowledged, refused: await tally.refused, failed: await tally.failed,
            injectedFaults: await tally.injectedFaults, faultsByReason: await tally.faultsByReason,
            readings: await tally.readings,
            acknowledgedPerSecond: seconds > 0 ? Double(acknowledged) / seconds : 0,
            latencyMilliseconds: LoadSummary.latency(of: await tally.latencies))
    }

    /// Sends messages with at most `concurrency` in flight.
    private func send(_ messages: [SimulatedMessage], tally: LoadTally) async {
        await withTaskGroup(of: Void.self) { group in
            var inFlight = 0
            for message in messages {
                if inFlight >= concurrency {
                    _ = await group.next()
                    inFlight -= 1
                }
                group.addTask { await self.sendOne(message, tally: tally) }
                inFlight += 1
            }
        }
    }

    private func load(rate: Double, batch: Int, tally: LoadTally, elapsed: @escaping @Sendable () -> Double) async {
        let devices = plan.devices
        guard !devices.isEmpty, rate > 0 else { return }
        let run = UInt64(Date().timeIntervalSince1970)
        await withTaskGroup(of: Void.self) { group in
            var inFlight = 0
            var index = 0
            while !Task.isCancelled {
                let due = Double(index) / rate
                // Stops at the duration whether or not the target rate was reached.
                guard due < duration, elapsed() < duration else { break }
                let wait = due - elapsed()
                if wait > 0.001 { try? await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
                while inFlight >= concurrency {
                    _ = await group.next()
                    inFlight -= 1
                }
                let device = devices[index % devices.count]
                let now = Date()
                let times = (0..<max(1, batch)).map { now.addingTimeInterval(-Double(batch - 1 - $0) * 60) }
                let message = plan.message(from: device, at: times, messageID: "\(device.deviceID)-\(run)-\(index)")
                group.addTask { await self.sendOne(message, tally: tally) }
                inFlight += 1
                index += 1
            }
        }
    }

    private func sendOne(_ message: SimulatedMessage, tally: LoadTally) async {
        let started = ContinuousClock.now
        let outcome = await sender.send(message)
        let took = ContinuousClock.now - started
        let milliseconds = Double(took.components.seconds) * 1000 + Double(took.components.attoseconds) / 1e15
        await tally.record(
            outcome, milliseconds: milliseconds, readings: message.validReadings,
            faults: message.faults.map(\.expectedReason.rawValue))
    }
}
