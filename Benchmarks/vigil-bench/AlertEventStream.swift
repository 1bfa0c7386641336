import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization
import VigilWeb

/// A client subscribed to `GET /api/v1/events` that notes when each alert
/// event arrives, keyed by the reading that fired it.
final class AlertEventStream: Sendable {
    private struct Event: Decodable {
        struct Alert: Decodable {
            let lastFiredAt: Date
        }

        let patientId: String
        let alert: Alert?
    }

    /// What the reading task has seen, shared with the benchmark.
    private final class Seen: Sendable {
        let arrivals = Mutex<[ReadingKey: ContinuousClock.Instant]>([:])
        let counts = Mutex<(alerts: Int, others: Int)>((0, 0))
        let isOpen = Mutex(false)

        /// Notes one server-sent event frame that arrived at `now`.
        func note(_ frame: Substring, at now: ContinuousClock.Instant) {
            let lines = frame.split(separator: "\n")
            guard let type = lines.first(where: { $0.hasPrefix("event: ") })?.dropFirst(7) else { return }
            guard type.hasPrefix("alert."), let data = lines.first(where: { $0.hasPrefix("data: ") })?.dropFirst(6),
                let event = try? JSONCoding.decoder.decode(Event.self, from: Data(data.utf8)),
                let alert = event.alert
            else {
                counts.withLock { $0.others += 1 }
                return
            }
            let key = ReadingKey(
                patientID: event.patientId,
                millisecond: Int64((alert.lastFiredAt.timeIntervalSince1970 * 1000).rounded()))
            counts.withLock { $0.alerts += 1 }
            arrivals.withLock { arrivals in
                if arrivals[key] == nil { arrivals[key] = now }
            }
        }
    }

    private let seen = Seen()
    private let opened: AsyncStream<Void>
    private let task: Task<Void, any Error>

    /// Subscribes with `token` and starts reading; wait for ``ready()`` before sending.
    init(client: HTTPClient, url: String, token: String) {
        let seen = seen
        let opened = AsyncStream<Void>.makeStream()
        self.opened = opened.stream
        task = Task {
            defer { opened.continuation.finish() }
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "Accept", value: "text/event-stream")
            let response = try await client.execute(request, timeout: .hours(24))
            guard response.status == .ok else { throw BenchmarkError("GET /api/v1/events answered \(response.status)") }
            seen.isOpen.withLock { $0 = true }
            opened.continuation.finish()
            var pending = ""
            for try await chunk in response.body {
                let now = ContinuousClock.now
                pending += String(buffer: chunk)
                while let end = pending.range(of: "\n\n") {
                    seen.note(pending[..<end.lowerBound], at: now)
                    pending = String(pending[end.upperBound...])
                }
            }
        }
    }

    /// Returns once the server has answered the subscription.
    ///
    /// - Throws: why the subscription failed.
    func ready() async throws {
        for await _ in opened {}
        if !seen.isOpen.withLock({ $0 }) { try await task.value }
    }

    /// Stops reading.
    func close() { task.cancel() }

    /// When the alert event fired by `key`'s reading arrived, allowing for the
    /// server's millisecond truncation of the reading's time.
    func arrival(of key: ReadingKey) -> ContinuousClock.Instant? {
        seen.arrivals.withLock { arrivals in
            for offset: Int64 in [0, -1, 1] {
                if let arrival = arrivals[ReadingKey(patientID: key.patientID, millisecond: key.millisecond + offset)] {
                    return arrival
                }
            }
            return nil
        }
    }

    /// Alert events and other events received so far.
    var received: (alerts: Int, others: Int) { seen.counts.withLock { $0 } }
}
