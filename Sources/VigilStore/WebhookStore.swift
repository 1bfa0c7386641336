import Foundation

/// Webhook endpoints: where events go and the sealed secrets that sign them.
public protocol WebhookStore: Sendable {
    /// Adds an endpoint; throws `StoreError.conflict` if its id exists.
    func create(_ endpoint: WebhookEndpoint) async throws
    /// The endpoint with `id`, or nil.
    func endpoint(_ id: WebhookEndpointID) async throws -> WebhookEndpoint?
    /// Every endpoint, oldest first.
    func endpoints() async throws -> [WebhookEndpoint]
    /// Replaces an endpoint's stored fields (URL, events, description, secrets,
    /// enabled state and health); throws `StoreError.notFound` if absent.
    func update(_ endpoint: WebhookEndpoint) async throws
    /// Removes an endpoint with its deliveries; throws `StoreError.notFound` if absent.
    func delete(_ id: WebhookEndpointID) async throws
    /// Records the outcome of an attempt on the endpoint's health: a failure
    /// starts the failing streak at `time` unless one is running, a success ends it.
    /// Returns when the current streak began (nil after a success).
    @discardableResult
    func recordHealth(_ id: WebhookEndpointID, succeeded: Bool, at time: Date) async throws -> Date?
    /// Disables an endpoint with a reason (such as `failing`).
    func disable(_ id: WebhookEndpointID, reason: String) async throws
    /// Replaces an endpoint's sealed secrets (current and previous) if they are
    /// still `expected`, for re-wrapping under a new master key; an endpoint
    /// whose secret was rotated meanwhile is left alone.
    ///
    /// - Returns: whether the endpoint was changed.
    func replaceSealedSecrets(
        of id: WebhookEndpointID, expected: WebhookSealedSecrets, new: WebhookSealedSecrets
    ) async throws -> Bool
    /// Notes on the endpoint that a delivery went to the dead-letter state at `time`.
    func recordDeadLetter(_ id: WebhookEndpointID, at time: Date) async throws
}

/// An endpoint's signing secrets as stored: sealed by the key vault.
public struct WebhookSealedSecrets: Sendable, Hashable {
    /// The current secret.
    public var current: String
    /// The secret before the last rotation, while the overlap lasts.
    public var previous: String?

    public init(current: String, previous: String?) {
        self.current = current
        self.previous = previous
    }

    /// The secrets `endpoint` holds.
    public init(of endpoint: WebhookEndpoint) {
        self.init(current: endpoint.sealedSecret, previous: endpoint.previousSealedSecret)
    }
}
