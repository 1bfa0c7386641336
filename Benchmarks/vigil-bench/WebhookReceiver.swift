import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// Loopback HTTP servers standing in for hospital systems' webhook endpoints,
/// one port per endpoint (as separate systems would have separate hosts):
/// each answers every `POST /hooks/{n}` with 204 at once and counts, per
/// endpoint, the requests and the distinct `webhook-id`s it received.
final class WebhookReceiver: Sendable {
    /// Counts of one endpoint.
    struct Tally: Sendable {
        var requests = 0
        var ids: Set<String> = []
    }

    private let tallies: Tallies
    private let channels: [any Channel]

    /// Starts listening for `endpoints` endpoints, each on a free loopback port.
    static func start(endpoints: Int) async throws -> WebhookReceiver {
        let tallies = Tallies()
        var channels: [any Channel] = []
        for _ in 0..<endpoints {
            channels.append(
                try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .serverChannelOption(.backlog, value: 256)
                    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                    .childChannelInitializer { channel in
                        channel.pipeline.configureHTTPServerPipeline().flatMap {
                            channel.pipeline.addHandler(Handler(tallies: tallies))
                        }
                    }
                    .bind(host: "127.0.0.1", port: 0).get())
        }
        return WebhookReceiver(channels: channels, tallies: tallies)
    }

    private init(channels: [any Channel], tallies: Tallies) {
        self.channels = channels
        self.tallies = tallies
    }

    /// The URL of endpoint `index`.
    func url(_ index: Int) -> String {
        "http://127.0.0.1:\(channels[index].localAddress?.port ?? 0)/hooks/\(index)"
    }

    /// Requests received so far, all endpoints together.
    var requests: Int { tallies.value.withLock { $0.values.reduce(0) { $0 + $1.requests } } }

    /// Each endpoint's counts so far.
    var perEndpoint: [Int: Tally] { tallies.value.withLock { $0 } }

    /// Stops listening.
    func stop() async throws {
        for channel in channels { try await channel.close() }
    }

    /// The counts, shared with the connections' handlers.
    private final class Tallies: Sendable {
        let value = Mutex<[Int: Tally]>([:])
    }

    /// Answers each request 204 and counts it under its endpoint.
    private final class Handler: ChannelInboundHandler, Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private let tallies: Tallies

        init(tallies: Tallies) { self.tallies = tallies }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                let index = Int(head.uri.split(separator: "/").last ?? "") ?? -1
                let id = head.headers.first(name: "webhook-id") ?? ""
                tallies.value.withLock { tallies in
                    tallies[index, default: Tally()].requests += 1
                    tallies[index, default: Tally()].ids.insert(id)
                }
            case .body:
                break
            case .end:
                let head = HTTPResponseHead(
                    version: .http1_1, status: .noContent, headers: ["content-length": "0"])
                context.write(wrapOutboundOut(.head(head)), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
