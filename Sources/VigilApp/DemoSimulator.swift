import Foundation
import Logging
import ServiceLifecycle
import VigilCore
import VigilGateway
import VigilSimulator

/// Runs the demo ward's devices inside the server: on a fresh ward it first
/// writes the history, then it sends what each device measures as the demo
/// clock advances, through the same ingestor (validation, quarantine, group
/// commit, live evaluation) as devices on the network.
public struct DemoSimulator: Service {
    let ward: DemoWard
    let configuration: DemoConfiguration
    let ingestor: DeviceIngestor
    let clock: DemoClock
    let logger: Logger
    /// Real time between rounds. Default 1 s.
    let tick: Duration

    /// - Parameter tick: real time between rounds of sending.
    public init(
        ward: DemoWard, configuration: DemoConfiguration, ingestor: DeviceIngestor, clock: DemoClock, logger: Logger,
        tick: Duration = .seconds(1)
    ) {
        self.ward = ward
        self.configuration = configuration
        self.ingestor = ingestor
        self.clock = clock
        self.logger = logger
        self.tick = tick
    }

    /// Writes the history of a new ward, then sends live until graceful shutdown or cancellation.
    public func run() async throws {
        let devices = Dictionary(
            uniqueKeysWithValues: ward.plan.devices.map {
                ($0.deviceID, Device(id: DeviceID($0.deviceID), patientID: ward.patientIDs[$0.patientIndex]))
            })
        let start = clock.start
        if ward.isNew {
            let history = ward.plan.messages(from: start.addingTimeInterval(-configuration.historyDays * 86_400), to: start)
            await send(history, devices: devices, receivedAt: { $0.measuredAt.addingTimeInterval(2) })
            logger.notice("Demo history written", metadata: ["messages": "\(history.count)"])
        }
        clock.resume()
        var cursor = start
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: tick) }
            } catch {
                break
            }
            let now = clock.now()
            await send(ward.plan.messages(from: cursor, to: now), devices: devices, receivedAt: { _ in now })
            cursor = now
        }
    }

    /// Ingests messages, up to 64 at a time (so they share group commits).
    private func send(
        _ messages: [SimulatedMessage], devices: [String: Device], receivedAt: @escaping @Sendable (SimulatedMessage) -> Date
    ) async {
        var failures = 0
        await withTaskGroup(of: Bool.self) { group in
            var inFlight = 0
            for message in messages {
                // A long history stops being written when the server shuts down.
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                guard let device = devices[message.device.deviceID] else { continue }
                if inFlight >= 64, let succeeded = await group.next() {
                    inFlight -= 1
                    if !succeeded { failures += 1 }
                }
                group.addTask {
                    do {
                        let result = try await ingestor.ingest(
                            message.body, from: device, transportMessageID: nil, contentType: "application/json",
                            receivedAt: receivedAt(message))
                        ingestor.metrics.record(result, via: .demo)
                        return true
                    } catch {
                        return false
                    }
                }
                inFlight += 1
            }
            for await succeeded in group where !succeeded { failures += 1 }
        }
        if failures > 0 { logger.warning("Demo messages not stored", metadata: ["count": "\(failures)"]) }
    }
}
