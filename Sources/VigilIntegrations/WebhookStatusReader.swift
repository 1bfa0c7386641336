import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization

/// Keeps a webhook response's status and lets at most `limit` bytes of its
/// body through; AsyncHTTPClient calls it on the connection's event loop.
final class WebhookStatusReader: HTTPClientResponseDelegate {
    typealias Response = Int

    /// The body went past the limit: the request ends, and its status counts.
    struct LimitReached: Error {}

    private let limit: Int
    private let state = Mutex((status: 0, read: 0))

    init(limit: Int) { self.limit = limit }

    /// The response's status, 0 before its head arrived.
    var status: Int { state.withLock { $0.status } }

    func didReceiveHead(task: HTTPClient.Task<Int>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        state.withLock { $0.status = Int(head.status.code) }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Int>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let read = state.withLock { state in
            state.read += buffer.readableBytes
            return state.read
        }
        return read < limit ? task.eventLoop.makeSucceededVoidFuture() : task.eventLoop.makeFailedFuture(LimitReached())
    }

    func didFinishRequest(task: HTTPClient.Task<Int>) throws -> Int { status }
}
