import Foundation
import Hummingbird
import NIOCore
import VigilCore
import VigilGateway

/// The per-request context of every Vigil route: who is calling and from where.
public struct VigilRequestContext: RequestContext, DeviceRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user, set by `BearerAuthMiddleware` when the request carries a valid token.
    public var user: User?
    /// The client's IP address, for the audit log.
    public let sourceAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sourceAddress = source.channel.remoteAddress?.ipAddress
    }

    public var requestDecoder: JSONDecoder { JSONCoding.decoder }
    public var responseEncoder: JSONEncoder { JSONCoding.encoder }
}
