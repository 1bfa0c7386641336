import Foundation
import Logging
import Metrics
import VigilCore
import VigilSecurity
import VigilStore

/// Delivers due outbox deliveries, signed, and decides what happens after each
/// attempt: delivered, retried later on the ``RetrySchedule``, or dead.
///
/// ``deliverDue(now:)`` is the whole of one round; the clock is a parameter,
/// so tests drive retries and dead letters without sleeping. Deliveries of an
/// endpoint that has ``Configuration/perEndpointConcurrency`` attempts in
/// flight are left for a later round, so a slow endpoint never holds up others.
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
        /// Deliveries claimed per round at most. Default 200.
        public var batchSize = 200
        /// Attempts in flight per endpoint at most. Default 8.
        public var perEndpointConcurrency = 8
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
    /// Attempts in flight per endpoint.
    private var inFlight: [WebhookEndpointID: Int] = [:]
    /// Secrets already opened, by their sealed text: a rotated secret has a new
    /// sealed text, so it is opened afresh. At most a few per endpoint.
    private var openedSecrets: [String: WebhookSecret] = [:]
    /// Records outcomes of attempts finishing together in one transaction.
    private let recorder: GroupCommit<DeliveryOutcome, Void>
    /// Where attempts are counted (`vigil_webhook_deliveries_total{outcome}`)
    /// and timed (`vigil_webhook_delivery_duration_seconds`).
    private let metrics: any MetricsFactory
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
        self.attemptDuration = Timer(label: "vigil_webhook_delivery_duration_seconds", factory: metrics)
        self.webhooks = webhooks
        self.outbox = outbox
        self.vault = vault
        self.transport = transport
        self.configuration = configuration
        self.logger = logger
        self.random = random
        self.onDeadLetter = onDeadLetter
        self.recorder = GroupCommit { [outbox] outcomes in
            try await outbox.record(outcomes)
            return outcomes.map { _ in () }
        }
    }

    /// The deliveries one claim reserved, with their endpoints.
    public struct Round: Sendable {
        let deliveries: [DueDelivery]
        let endpoints: [WebhookEndpointID: WebhookEndpoint]
        let now: Date

        /// Whether nothing was due.
        public var isEmpty: Bool { deliveries.isEmpty }
    }

    /// Claims the deliveries due at `now` and attempts each one, endpoints and
    /// patients in parallel; returns how many were attempted.
    @discardableResult
    public func deliverDue(now: Date) async throws -> Int {
        let round = try await claim(now: now)
        await attempt(round)
        return round.deliveries.count
    }

    /// Reserves the deliveries due at `now` (each for ``Configuration/lease``),
    /// leaving out endpoints that have their fill of attempts in flight.
    public func claim(now: Date) async throws -> Round {
        let busy = Set(inFlight.filter { $0.value >= configuration.perEndpointConcurrency }.keys)
        let due = try await outbox.claimDue(
            now: now, leaseUntil: now.addingTimeInterval(configuration.lease), limit: configuration.batchSize,
            perEndpoint: configuration.perEndpointConcurrency, excluding: busy)
        var endpoints: [WebhookEndpointID: WebhookEndpoint] = [:]
        if !due.isEmpty {
            let wanted = Set(due.map(\.endpointID))
            for endpoint in try await webhooks.endpoints() where wanted.contains(endpoint.id) {
                endpoints[endpoint.id] = endpoint
            }
        }
        for delivery in due { inFlight[delivery.endpointID, default: 0] += 1 }
        return Round(deliveries: due, endpoints: endpoints, now: now)
    }

    /// Whether any attempt is in flight.
    public var isBusy: Bool { inFlight.values.contains { $0 > 0 } }

    /// Attempts every delivery of `round` at once and records each outcome.
    public func attempt(_ round: Round) async {
        await withTaskGroup(of: Void.self) { group in
            for delivery in round.deliveries {
                let endpoint = round.endpoints[delivery.endpointID]
                group.addTask { await self.attempt(delivery, endpoint: endpoint, now: round.now) }
            }
        }
    }

    /// One attempt and its bookkeeping; failures to record are logged, and the
    /// delivery's lease then makes it due again.
    ///
    /// The endpoint's in-flight count covers the request only.
    private func attempt(_ delivery: DueDelivery, endpoint: WebhookEndpoint?, now: Date) async {
        guard let endpoint, endpoint.enabled else {
            inFlight[delivery.endpointID, default: 1] -= 1
            return
        }
        let started = ContinuousClock.now
        let response = await send(delivery, to: endpoint, now: now)
        // The endpoint is done with it: its slot is free while the outcome is
        // recorded. The delivery stays leased until then, so neither it nor a
        // later event of its patient is claimed again meanwhile.
        inFlight[delivery.endpointID, default: 1] -= 1
        let elapsed = ContinuousClock.now - started
        attemptDuration.record(duration: elapsed)
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let attempt = DeliveryAttempt(
            attemptedAt: now, status: response.status, error: response.isSuccess ? nil : response.error ?? "http_status",
            durationMilliseconds: milliseconds)
        do {
            try await record(attempt, of: delivery, endpoint: endpoint, succeeded: response.isSuccess, now: now)
        } catch {
            logger.error(
                "webhook delivery not recorded",
                metadata: ["delivery": "\(delivery.deliveryID)", "error": "\(type(of: error))"])
        }
    }

    private func send(_ delivery: DueDelivery, to endpoint: WebhookEndpoint, now: Date) async -> WebhookResponse {
        let url: URL
        let secrets: [WebhookSecret]
        do {
            url = try configuration.urlPolicy.check(endpoint.url)
            secrets = try await signingSecrets(of: endpoint, now: now)
        } catch {
            return WebhookResponse(status: nil, error: "url_refused")
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
        return await transport.send(WebhookRequest(url: url, headers: headers, body: event.payload))
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

    private func record(
        _ attempt: DeliveryAttempt, of delivery: DueDelivery, endpoint: WebhookEndpoint, succeeded: Bool, now: Date
    ) async throws {
        let attempts = delivery.attempts + 1
        let next: DeliveryOutcome.Next =
            if succeeded {
                .delivered
            } else if let time = configuration.schedule.nextAttempt(afterAttempts: attempts, now: now, random: random()) {
                .retry(at: time)
            } else {
                .dead
            }
        try await recorder.submit(DeliveryOutcome(deliveryID: delivery.deliveryID, attempt: attempt, next: next))
        let outcome =
            switch next {
            case .delivered: "delivered"
            case .retry: "retry"
            case .dead: "dead"
            }
        Counter(label: "vigil_webhook_deliveries_total", dimensions: [("outcome", outcome)], factory: metrics).increment()
        if succeeded {
            if endpoint.failingSince != nil { try await webhooks.recordHealth(endpoint.id, succeeded: true, at: now) }
            return
        }
        if next == .dead {
            try await webhooks.recordDeadLetter(endpoint.id, at: now)
            logger.warning(
                "webhook delivery dead after its last retry",
                metadata: ["endpoint": "\(endpoint.id)", "delivery": "\(delivery.deliveryID)", "attempts": "\(attempts)"])
            await onDeadLetter(
                DeadLetter(
                    endpointID: endpoint.id, deliveryID: delivery.deliveryID, eventType: delivery.event.type,
                    attempts: attempts, at: now))
        }
        let failingSince = try await webhooks.recordHealth(endpoint.id, succeeded: false, at: now)
        if let failingSince, now.timeIntervalSince(failingSince) >= configuration.disableAfter {
            try await webhooks.disable(endpoint.id, reason: "failing")
            logger.warning("webhook endpoint disabled after failing continuously", metadata: ["endpoint": "\(endpoint.id)"])
        }
    }
}
