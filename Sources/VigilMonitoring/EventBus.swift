import Foundation
import VigilCore

/// Publishes live events to subscribers in this process, and keeps the most
/// recent ones so a client that reconnects with `Last-Event-ID` misses nothing
/// that is still retained.
///
/// Event ids are `<epoch>-<sequence>`: the epoch is random per bus (per server
/// start), so an id from before a restart is recognised as foreign and the
/// client gets every retained event instead. Subscribers filter events
/// themselves (see the web layer's access checks); each subscription buffers
/// at most `subscriberBuffer` events, dropping the oldest for a consumer that
/// does not keep up (it can reconnect and resume).
public actor EventBus {
    /// Retention and buffering, with documented defaults.
    public struct Configuration: Sendable, Hashable {
        /// How many recent events are kept for resuming. Default 10,000.
        public var retainedEvents: Int
        /// How many undelivered events one subscription holds. Default 1,000.
        public var subscriberBuffer: Int

        public init(retainedEvents: Int = 10_000, subscriberBuffer: Int = 1000) {
            self.retainedEvents = retainedEvents
            self.subscriberBuffer = subscriberBuffer
        }
    }

    /// This bus's random epoch, the first part of every event id.
    public nonisolated let epoch: String
    private let configuration: Configuration
    private var nextSequence: UInt64 = 1
    private var retained: [LiveEvent] = []
    private var subscribers: [UUID: AsyncStream<LiveEvent>.Continuation] = [:]
    private var isClosed = false

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        epoch = String(UUID().uuidString.prefix(8)).lowercased()
    }

    /// Numbers, retains and delivers events, in order.
    public func publish(_ events: [LiveEvent]) {
        for var event in events {
            event.sequence = nextSequence
            event.id = "\(epoch)-\(nextSequence)"
            nextSequence += 1
            retained.append(event)
            for continuation in subscribers.values { continuation.yield(event) }
        }
        if retained.count > configuration.retainedEvents * 2 {
            retained.removeFirst(retained.count - configuration.retainedEvents)
        }
    }

    /// A stream of events: first the retained ones after `lastEventID`, then
    /// new ones as they are published, until the subscriber stops iterating or
    /// the bus closes. Without `lastEventID` only new events come; with one
    /// from another epoch (or unreadable), every retained event comes first.
    public func subscribe(after lastEventID: String?) -> AsyncStream<LiveEvent> {
        let backlog = backlog(after: lastEventID)
        let (stream, continuation) = AsyncStream<LiveEvent>.makeStream(
            bufferingPolicy: .bufferingNewest(max(configuration.subscriberBuffer, 1) + backlog.count))
        for event in backlog { continuation.yield(event) }
        if isClosed {
            continuation.finish()
            return stream
        }
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    /// How many subscriptions are live.
    public var subscriberCount: Int { subscribers.count }

    /// Ends every subscription; later subscriptions get the retained backlog and end at once.
    public func close() {
        isClosed = true
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
    }

    private func unsubscribe(_ id: UUID) {
        subscribers[id] = nil
    }

    /// The retained events after `lastEventID`.
    private func backlog(after lastEventID: String?) -> ArraySlice<LiveEvent> {
        let window = retained.suffix(configuration.retainedEvents)
        guard let lastEventID else { return [] }
        let parts = lastEventID.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, parts[0] == epoch, let sequence = UInt64(parts[1]) else { return window }
        return window.drop { $0.sequence <= sequence }
    }
}
