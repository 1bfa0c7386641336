import Foundation
import NIOCore
import Testing

@testable import VigilIntegrations

/// The webhook HTTP client against a loopback server that answers as each
/// test scripts it.
@Suite struct HTTPWebhookTransportTests {
    private static let body = Data(#"{"type":"device.quarantine","data":{}}"#.utf8)

    private static func request(port: Int, path: String = "/hooks/a?tenant=1", id: String = "msg_1") -> WebhookRequest {
        WebhookRequest(
            url: URL(string: "http://127.0.0.1:\(port)\(path)")!,
            headers: ["content-type": "application/json", "webhook-id": id], body: body)
    }

    /// Runs `body` with a started server and a transport, stopping both after.
    private func withServer(
        configure: (inout HTTPWebhookTransport.Configuration) -> Void = { _ in },
        script: @escaping @Sendable (Int) -> ScriptedWebhookServer.Answer,
        _ body: (ScriptedWebhookServer, Int, HTTPWebhookTransport) async throws -> Void
    ) async throws {
        let server = ScriptedWebhookServer(script: script)
        let port = try await server.start()
        var configuration = HTTPWebhookTransport.Configuration()
        configure(&configuration)
        let transport = try HTTPWebhookTransport(configuration: configuration)
        do {
            try await body(server, port, transport)
        } catch {
            try await transport.shutdown()
            try await server.stop()
            throw error
        }
        try await transport.shutdown()
        try await server.stop()
    }

    @Test func sendsThePostAsWrittenAndReusesTheConnection() async throws {
        try await withServer(script: { _ in .status(204) }) { server, port, transport in
            for index in 0..<3 {
                let response = await transport.send(Self.request(port: port, id: "msg_\(index)"))
                #expect(response == WebhookResponse(status: 204, error: nil))
            }
            let seen = server.seen
            #expect(seen.connectionsOpened == 1)
            #expect(seen.requests.count == 3)
            let first = try #require(seen.requests.first)
            #expect(first.head.method == .POST)
            #expect(first.head.uri == "/hooks/a?tenant=1")
            #expect(first.head.headers["host"] == ["127.0.0.1:\(port)"])
            #expect(first.head.headers["content-type"] == ["application/json"])
            #expect(first.head.headers["webhook-id"] == ["msg_0"])
            #expect(first.head.headers["content-length"] == [String(Self.body.count)])
            #expect(first.body == Array(Self.body))
        }
    }

    @Test func aServerErrorIsReportedWithItsStatus() async throws {
        try await withServer(script: { _ in .status(503) }) { _, port, transport in
            let response = await transport.send(Self.request(port: port))
            #expect(response == WebhookResponse(status: 503, error: nil))
            #expect(!response.isSuccess)
        }
    }

    @Test func aRedirectIsRefusedNotFollowed() async throws {
        try await withServer(script: { _ in .status(302, location: "/elsewhere") }) { server, port, transport in
            let response = await transport.send(Self.request(port: port))
            #expect(response == WebhookResponse(status: 302, error: "redirect_refused"))
            #expect(server.seen.requests.map(\.head.uri) == ["/hooks/a?tenant=1"])
        }
    }

    @Test func aSilentEndpointTimesOutAndItsConnectionIsNotReused() async throws {
        try await withServer(
            configure: { $0.responseTimeout = .milliseconds(300) },
            script: { index in index == 0 ? .silence : .status(200) }
        ) { server, port, transport in
            let started = ContinuousClock.now
            let response = await transport.send(Self.request(port: port))
            #expect(response == WebhookResponse(status: nil, error: "timeout"))
            #expect(ContinuousClock.now - started < .seconds(3))
            #expect(await transport.send(Self.request(port: port)) == WebhookResponse(status: 200, error: nil))
            #expect(server.seen.connectionsOpened == 2)
        }
    }

    @Test func aRefusedConnectionFails() async throws {
        let server = ScriptedWebhookServer(script: { _ in .status(204) })
        let port = try await server.start()
        try await server.stop()
        let transport = try HTTPWebhookTransport()
        let response = await transport.send(Self.request(port: port))
        try await transport.shutdown()
        #expect(response == WebhookResponse(status: nil, error: "connection_failed"))
    }

    @Test func aLongAnswerIsCutAtTheLimitAndKeepsItsStatus() async throws {
        try await withServer(
            configure: { $0.maxResponseBytes = 1024 },
            script: { index in index == 0 ? .status(200, bodyBytes: 256 * 1024) : .status(204) }
        ) { server, port, transport in
            #expect(await transport.send(Self.request(port: port)) == WebhookResponse(status: 200, error: nil))
            #expect(await transport.send(Self.request(port: port)) == WebhookResponse(status: 204, error: nil))
            #expect(server.seen.connectionsOpened == 2)
        }
    }

    @Test func aConnectionTheServerClosesIsReplaced() async throws {
        try await withServer(script: { _ in .status(204, close: true) }) { server, port, transport in
            for _ in 0..<3 {
                #expect(await transport.send(Self.request(port: port)) == WebhookResponse(status: 204, error: nil))
            }
            #expect(server.seen.connectionsOpened == 3)
        }
    }

    @Test func requestsBeyondTheConnectionLimitWaitTheirTurn() async throws {
        try await withServer(
            configure: { $0.connectionsPerHost = 2 },
            script: { _ in .status(204, delay: .milliseconds(40)) }
        ) { server, port, transport in
            let responses = await withTaskGroup(of: WebhookResponse.self) { group in
                for index in 0..<10 {
                    group.addTask { await transport.send(Self.request(port: port, id: "msg_\(index)")) }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.allSatisfy { $0 == WebhookResponse(status: 204, error: nil) })
            #expect(responses.count == 10)
            let seen = server.seen
            #expect(seen.mostOpenAtOnce <= 2)
            #expect(seen.connectionsOpened == 2)
            #expect(Set(seen.requests.compactMap { $0.head.headers.first(name: "webhook-id") }).count == 10)
        }
    }

    @Test func httpsToAServerWithoutTLSFails() async throws {
        try await withServer(script: { _ in .status(204) }) { server, port, transport in
            let request = WebhookRequest(
                url: URL(string: "https://127.0.0.1:\(port)/hooks")!, headers: [:], body: Self.body)
            #expect(await transport.send(request) == WebhookResponse(status: nil, error: "connection_failed"))
            #expect(server.seen.requests.isEmpty)
        }
    }
}
