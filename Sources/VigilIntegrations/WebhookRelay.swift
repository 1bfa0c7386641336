import Foundation
import Logging
import Metrics
import Synchronization
import VigilCore
import VigilSecurity
import VigilStore

/// Delivers due outbox deliveries, signed, and decides what happens after each
/// attempt: delivered, retried later on the ``RetrySchedule``, or dead.
///
/// A round is one write: ``claim(now:)`` records the outcomes of the attempts
/// finished since the last round and claims the next deliveries in one
/// transaction; ``attempt(_:)`` sends them. ``deliverDue(now:)`` is the whole
/// of one round, outcomes recorded; the clock is a parameter, so tests drive
/// retries and dead letters without sleeping. An endpoint with
/// ``Configuration/perEndpointOutstanding`` attempts claimed and unanswered
/// gets no more until some are answered, so a slow endpoint never holds up others.
public actor WebhookRelay {
    /// How the relay retries and limits itself.
    public struct Configuration: Sendable {
        /// Delays between attempts. Default ``RetrySchedule/standard``.
        public var schedule: RetrySchedule = .standard
        /// Which URLs may be called. Default: https only.
        public var urlPolicy = WebhookURLPolicy()
        /// How long a claimed delivery is reserved for one attempt; after a
        /// crash it is due again once this passes. Default 30 s (above the
        /// connect and response timeouts together).
        public var lease: TimeInterval = 30
        /// Deliveries claimed per round at most. Default 400.
        public var batchSize = 400
        /// Deliveries of one endpoint claimed and not yet answered, at most.
        /// Default 24: the transport sends as many at once as it keeps
        /// connections to the endpoint's host, and the rest wait their turn,
        /// each timed from when it is sent. A claim reserving more than one
        /// turn's worth lets rounds, each a write, be fewer than requests.
        public var perEndpointOutstanding = 24
        /// An endpoint failing without a success for this long is disabled. Default 5 days.
        public var disableAfter: TimeInterval = 5 * 24 * 3600

        public init() {}
    }

    private let webhooks: any WebhookStore
    private let outbox: any OutboxStore
    private let vault: SecretVault
    private let transport: any WebhookTransport
    private let configuration: Configuration
    private let logger: Logger
    private let random: @Sendable () -> Double
    private let onDeadLetter: @Sendable (DeadLetter) async -> Void
    /// Attempts in flight and outcomes not yet recorded, shared with the
    /// attempts' tasks so that finishing one never waits for the relay.
    private let progress = Mutex(Progress())
    /// Secrets already opened, by their sealed text: a rotated secret has a new
    /// sealed text, so it is opened afresh. At most a few per endpoint.
    private var openedSecrets: [String: WebhookSecret] = [:]
    /// Endpoint URLs the URL policy allowed, by their text.
    private var allowedURLs: [String: URL] = [:]
    /// Where attempts are counted (`vigil_webhook_deliveries_total{outcome}`,
    /// each outcome's counter made when first counted).
    private let metrics: any MetricsFactory
    private var outcomeCounters: [String: Counter] = [:]
    /// `vigil_webhook_delivery_duration_seconds`.
    private let attemptDuration: Timer

    /// A relay over a store's webhook endpoints and outbox.
    ///
    /// - Parameters:
    ///   - random: picks each retry's jitter, a value in 0…1.
    ///   - metrics: where attempts are counted and timed. Default: nowhere.
    ///   - onDeadLetter: told of each delivery given up on, once it is recorded
    ///     (Vigil raises an operational alert for administrators).
    public init(
        webhooks: any WebhookStore, outbox: any OutboxStore, vault: SecretVault, transport: any WebhookTransport,
        configuration: Configuration = Configuration(), logger: Logger,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        metrics: any MetricsFactory = NOOPMetricsHandler.instance,
        onDeadLetter: @escaping @Sendable (DeadLetter) async -> Void = { _ in }
    ) {
        self.metrics = metrics
        attemptDuration = Timer(label: "vigil_webhook_delivery_duration_seconds", factory: metrics)
        self.webhooks = webhooks
        self.outbox = outbox
        self.vault = vault
        self.transport = transport
        self.configuration = configuration
        self.logger = logger
        self.random = random
        self.onDeadLetter = onDeadLetter
    }

    /// The deliveries one claim reserved, with their endpoints.
    public struct Round: Sendable {
        let deliveries: [DueDelivery]
        let endpoints: [WebhookEndpointID: WebhookEndpoint]
        let now: Date

        /// Whether nothing was due.
        public var isEmpty: Bool { deliveries.isEmpty }
    }

    /// Claims the deliveries due at `now`, attempts each one (endpoints and
    /// patients in parallel) and records the outcomes; returns how many were attempted.
    @discardableResult
    public func deliverDue(now: Date) async throws -> Int {
        let round = try await claim(now: now)
        await attempt(round)
        try await settle()
        return round.deliveries.count
    }

    /// Records the outcomes of the attempts finished so far and reserves the
    /// deliveries due at `now` (each for ``Configuration/lease``), leaving out
    /// endpoints that have their fill of attempts in flight; one transaction.
    public func claim(now: Date) async throws -> Round {
        let busy = progress.withLock { $0.busyEndpoints(limit: configuration.perEndpointOutstanding) }
        let due = try await recordingFinished { [outbox, configuration] outcomes in
            try await outbox.recordAndClaimDue(
                outcomes, now: now, leaseUntil: now.addingTimeInterval(configuration.lease),
                limit: configuration.batchSize, perEndpoint: configuration.perEndpointOutstanding, excluding: busy)
        }
        var endpoints: [WebhookEndpointID: WebhookEndpoint] = [:]
        if !due.isEmpty {
            let wanted = Set(due.map(\.endpointID))
            for endpoint in try await webhooks.endpoints() where wanted.contains(endpoint.id) {
                endpoints[endpoint.id] = endpoint
            }
        }
        progress.withLock { progress in
            for delivery in due { progress.inFlight[delivery.endpointID, default: 0] += 1 }
        }
        return Round(deliveries: due, endpoints: endpoints, now: now)
    }

    /// Records the outcomes of the attempts finished since the last claim
    /// (the relay calls this when it stops; a claim records them otherwise).
    public func settle() async throws {
        try await recordingFinished { [outbox] outcomes in try await outbox.record(outcomes) }
    }

    /// Hands the outcomes of the attempts finished so far to `write` and, once
    /// it succeeded, does what follows them; if it fails, they wait for the next write.
    private func recordingFinished<Result>(
        _ write: ([DeliveryOutcome]) async throws -> Result
    ) async throws -> Result {
        let finished = progress.withLock { $0.takeFinished() }
        let result: Result
        do {
            result = try await write(finished.map(\.outcome))
        } catch {
            progress.withLock { $0.finished.insert(contentsOf: finished, at: 0) }
            throw error
        }
        await followUp(finished)
        return result
    }

    /// Whether any attempt is in flight or has an outcome still to record.
    public var isBusy: Bool { progress.withLock { $0.isBusy } }

    /// Attempts every delivery of `round` at once; each outcome waits for the
    /// next claim (or ``settle()``) to be recorded.
    public func attempt(_ round: Round) async {
        await withTaskGroup(of: Void.self) { group in
            for delivery in round.deliveries {
                guard let endpoint = round.endpoints[delivery.endpointID], endpoint.enabled else {
                    progress.withLock { $0.inFlight[delivery.endpointID, default: 1] -= 1 }
                    continue
                }
                let request = await signedRequest(for: delivery, to: endpoint, now: round.now)
                group.addTask { await self.send(request, of: delivery, to: endpoint, now: round.now) }
            }
        }
    }

    /// One attempt: sends the request (nil: refused before sending) and keeps
    /// its outcome for the next write. The endpoint's slot is free once the
    /// answer is in; the delivery stays leased until its outcome is recorded,
    /// so neither it nor a later event of its patient is claimed again meanwhile.
    private nonisolated func send(
        _ request: WebhookRequest?, of delivery: DueDelivery, to endpoint: WebhookEndpoint, now: Date
    ) async {
        let started = ContinuousClock.now
        let response =
            if let request { await transport.send(request) } else { WebhookResponse(status: nil, error: "url_refused") }
        let elapsed = ContinuousClock.now - started
        attemptDuration.record(duration: elapsed)
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let attempt = DeliveryAttempt(
            attemptedAt: now, status: response.status, error: response.isSuccess ? nil : response.error ?? "http_status",
            durationMilliseconds: milliseconds)
        let attempts = delivery.attempts + 1
        let next: DeliveryOutcome.Next =
            if response.isSuccess {
                .delivered
            } else if let time = configuration.schedule.nextAttempt(afterAttempts: attempts, now: now, random: random()) {
                .retry(at: time)
            } else {
                .dead
            }
        let finished = FinishedAttempt(
            delivery: delivery, endpoint: endpoint,
            outcome: DeliveryOutcome(deliveryID: delivery.deliveryID, attempt: attempt, next: next))
        progress.withLock { progress in
            progress.inFlight[delivery.endpointID, default: 1] -= 1
            progress.finished.append(finished)
        }
    }

    /// The signed request of `delivery`, or nil when the endpoint's URL is
    /// refused or its secret cannot be opened.
    private func signedRequest(for delivery: DueDelivery, to endpoint: WebhookEndpoint, now: Date) async -> WebhookRequest? {
        let url: URL
        let secrets: [WebhookSecret]
        do {
            url = try allowedURL(endpoint.url)
            secrets = try await signingSecrets(of: endpoint, now: now)
        } catch {
            return nil
        }
        let timestamp = Int64(now.timeIntervalSince1970.rounded(.down))
        let event = delivery.event
        let headers = [
            "content-type": "application/json",
            "webhook-id": event.id,
            "webhook-timestamp": String(timestamp),
            "webhook-signature": WebhookSigner.header(
                id: event.id, timestamp: timestamp, body: event.payload, secrets: secrets),
        ]
        return WebhookRequest(url: url, headers: headers, body: event.payload)
    }

    /// `text` as a URL if the policy allows it; each URL is checked once.
    private func allowedURL(_ text: String) throws -> URL {
        if let url = allowedURLs[text] { return url }
        let url = try configuration.urlPolicy.check(text)
        allowedURLs[text] = url
        return url
    }

    /// The current secret, and the previous one while the rotation overlap lasts.
    private func signingSecrets(of endpoint: WebhookEndpoint, now: Date) async throws -> [WebhookSecret] {
        var sealed = [endpoint.sealedSecret]
        if let previous = endpoint.previousSealedSecret, let until = endpoint.previousSecretExpiresAt, until > now {
            sealed.append(previous)
        }
        var secrets: [WebhookSecret] = []
        for text in sealed {
            if let opened = openedSecrets[text] {
                secrets.append(opened)
                continue
            }
            guard let secret = WebhookSecret(text: String(decoding: try await vault.open(text: text), as: UTF8.self))
            else { throw VigilError(.internal, code: "bad_webhook_secret", message: "A webhook secret is unreadable.") }
            openedSecrets[text] = secret
            secrets.append(secret)
        }
        return secrets
    }

    /// What follows recorded outcomes, in the order the attempts finished:
    /// counts, endpoint health (written only when it changes), disabling an
    /// endpoint failing for too long, and dead letters. Failures are logged.
    private func followUp(_ finished: [FinishedAttempt]) async {
        var health: [WebhookEndpointID: EndpointHealth] = [:]
        for item in finished {
            let endpoint = item.endpoint
            let now = item.outcome.attempt.attemptedAt
            do {
                switch item.outcome.next {
                case .delivered:
                    count("delivered")
                    if health[endpoint.id, default: EndpointHealth(endpoint)].isFailing {
                        try await webhooks.recordHealth(endpoint.id, succeeded: true, at: now)
                        health[endpoint.id] = .healthy
                    }
                    continue
                case .retry:
                    count("retry")
                case .dead:
                    count("dead")
                    try await recordDeadLetter(item)
                }
                let since: Date?
                switch health[endpoint.id] {
                case .disabled:
                    continue
                case .failing(let known):
                    since = known
                case .healthy, nil:
                    since = try await webhooks.recordHealth(endpoint.id, succeeded: false, at: now)
                    health[endpoint.id] = .failing(since: since)
                }
                if let since, now.timeIntervalSince(since) >= configuration.disableAfter {
                    try await webhooks.disable(endpoint.id, reason: "failing")
                    logger.warning(
                        "webhook endpoint disabled after failing continuously", metadata: ["endpoint": "\(endpoint.id)"])
                    health[endpoint.id] = .disabled
                }
            } catch {
                logger.error(
                    "webhook delivery follow-up not recorded",
                    metadata: ["delivery": "\(item.delivery.deliveryID)", "error": "\(type(of: error))"])
            }
        }
    }

    private func count(_ outcome: String) {
        if let counter = outcomeCounters[outcome] { return counter.increment() }
        let counter = Counter(label: "vigil_webhook_deliveries_total", dimensions: [("outcome", outcome)], factory: metrics)
        outcomeCounters[outcome] = counter
        counter.increment()
    }

    private func recordDeadLetter(_ item: FinishedAttempt) async throws {
        let (endpoint, delivery) = (item.endpoint, item.delivery)
        let now = item.outcome.attempt.attemptedAt
        try await webhooks.recordDeadLetter(endpoint.id, at: now)
        logger.warning(
            "webhook delivery dead after its last retry",
            metadata: [
                "endpoint": "\(endpoint.id)", "delivery": "\(delivery.deliveryID)", "attempts": "\(delivery.attempts + 1)",
            ])
        await onDeadLetter(
            DeadLetter(
                endpointID: endpoint.id, deliveryID: delivery.deliveryID, eventType: delivery.event.type,
                attempts: delivery.attempts + 1, at: now))
    }
}
