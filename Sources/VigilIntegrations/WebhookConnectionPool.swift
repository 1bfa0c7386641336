import NIOCore
import Synchronization

/// Connections per origin (scheme, host and port): at most `limit` in use at
/// once, each returned after its exchange and kept for the next one if still
/// open. A request beyond the limit waits for a connection to come back, so
/// its time limit starts only once it is sent.
final class WebhookConnectionPool: Sendable {
    /// Where a connection goes.
    struct Origin: Hashable, Sendable {
        let secure: Bool
        let host: String
        let port: Int
    }

    /// A connection and its exchange handler, while a request uses it.
    struct Connection: Sendable {
        let channel: any Channel
        let handler: NIOLoopBound<WebhookExchangeHandler>
    }

    private struct OriginState {
        var inUse = 0
        var idle: [Connection] = []
        var waiting = CircularBuffer<CheckedContinuation<Connection?, Never>>()
    }

    private struct State {
        var origins: [Origin: OriginState] = [:]
        var isClosed = false
    }

    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Waits for the origin's turn, then returns an idle connection, or nil
    /// when the caller should open one (its turn counts as in use either way).
    func checkOut(_ origin: Origin) async -> Connection? {
        enum Turn {
            case now(Connection?)
            case wait
        }
        // The turn is decided and, if it must wait, queued under one lock, so
        // a connection checked in meanwhile goes to this caller.
        return await withCheckedContinuation { (continuation: CheckedContinuation<Connection?, Never>) in
            let turn: Turn = state.withLock { state in
                var entry = state.origins[origin, default: OriginState()]
                defer { state.origins[origin] = entry }
                guard entry.inUse >= limit else {
                    entry.inUse += 1
                    return .now(Self.popOpen(&entry.idle))
                }
                entry.waiting.append(continuation)
                return .wait
            }
            if case .now(let connection) = turn { continuation.resume(returning: connection) }
        }
    }

    /// Ends a turn: `connection`, if still open and the pool is not closed, is
    /// kept for the next request; the turn passes to the first caller waiting.
    func checkIn(_ origin: Origin, _ connection: Connection?) {
        let reusable = connection.flatMap { $0.channel.isActive ? $0 : nil }
        let (waiter, handOver, toClose): (CheckedContinuation<Connection?, Never>?, Connection?, Connection?) =
            state.withLock { state in
                var entry = state.origins[origin, default: OriginState()]
                defer { state.origins[origin] = entry }
                let keep = state.isClosed ? nil : reusable
                let toClose = state.isClosed ? reusable : nil
                if let next = entry.waiting.popFirst() {
                    return (next, keep ?? Self.popOpen(&entry.idle), toClose)
                }
                entry.inUse -= 1
                if let keep { entry.idle.append(keep) }
                return (nil, nil, toClose)
            }
        toClose?.channel.close(promise: nil)
        waiter?.resume(returning: handOver)
    }

    /// Closes every idle connection; connections in use close when checked in.
    func close() {
        let idle = state.withLock { state in
            state.isClosed = true
            var idle: [Connection] = []
            for origin in state.origins.keys {
                idle += state.origins[origin]?.idle ?? []
                state.origins[origin]?.idle = []
            }
            return idle
        }
        for connection in idle { connection.channel.close(promise: nil) }
    }

    /// The most recently used idle connection that is still open.
    private static func popOpen(_ idle: inout [Connection]) -> Connection? {
        while let connection = idle.popLast() {
            if connection.channel.isActive { return connection }
        }
        return nil
    }
}
