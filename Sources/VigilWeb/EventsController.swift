import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle
import VigilCore
import VigilMonitoring

/// `GET /api/v1/events`: server-sent events (`alert.*`, `news2.updated`) for
/// what the caller may see (see `EventVisibility`).
///
/// A client that reconnects with `Last-Event-ID` first gets the retained
/// events it missed (see `EventBus`). A comment line is sent every 15 seconds
/// so that proxies keep the connection open. Events are those of this
/// server process: with several nodes, a client receives the events of the
/// node it is connected to.
struct EventsController {
    let dependencies: WebDependencies

    /// Seconds between keep-alive comments.
    static let heartbeatInterval: Double = 15

    func register(on routes: SecureRoutes) {
        routes.add(.get, "events", action: "event.stream", allow: .everyone) { request, caller in
            let lastEventID = request.headers[.lastEventID] ?? request.query("lastEventId")
            try await caller.auditor.record("event.stream", detail: lastEventID.map { "resume=\($0)" })
            let events = await dependencies.alerts.bus.subscribe(after: lastEventID)
            let visibility = EventVisibility(user: caller.user, store: dependencies.store, now: dependencies.now)
            let body = ResponseBody { writer in
                try await Self.stream(events, visibility: visibility, to: &writer)
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                body: body)
        }
    }

    /// One item of the stream: an event or a keep-alive tick.
    private enum Item: Sendable {
        case event(LiveEvent)
        case heartbeat
    }

    /// Writes the visible events, and keep-alive comments, until the bus
    /// closes, the client goes away, or the server shuts down gracefully (a
    /// stream never ends by itself, so it must not hold the shutdown up).
    private static func stream(
        _ events: AsyncStream<LiveEvent>, visibility: EventVisibility, to writer: inout any ResponseBodyWriter
    ) async throws {
        var visibility = visibility
        let (items, continuation) = AsyncStream<Item>.makeStream()
        let forward = Task {
            for await event in events { continuation.yield(.event(event)) }
            continuation.finish()
        }
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(heartbeatInterval))
                continuation.yield(.heartbeat)
            }
        }
        defer {
            forward.cancel()
            heartbeat.cancel()
        }
        try await writer.write(ByteBuffer(string: "retry: 3000\n\n"))
        try await withGracefulShutdownHandler {
            for await item in items {
                switch item {
                case .heartbeat:
                    try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                case .event(let event):
                    guard try await visibility.allows(event) else { continue }
                    try await writer.write(ByteBuffer(string: LiveEventView(event).frame))
                }
            }
        } onGracefulShutdown: {
            continuation.finish()
        }
        try await writer.finish(nil)
    }
}

extension HTTPField.Name {
    /// `Last-Event-ID`, sent by an `EventSource` when it reconnects.
    static let lastEventID = Self("Last-Event-ID")!
}
