import Hummingbird

/// A request context that knows the client's address, for auditing device refusals.
public protocol DeviceRequestContext: RequestContext {
    /// The client's IP address.
    var sourceAddress: String? { get }
}
