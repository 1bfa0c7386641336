import Foundation
import Hummingbird
import VigilCore
import VigilIntegrations
import VigilStore

/// `/api/v1/webhooks` (admin only): endpoints, secret rotation, deliveries and replay.
/// Secrets are shown only on creation and rotation and stored sealed by the key vault.
struct WebhooksController {
    let dependencies: WebDependencies

    /// The event types an endpoint may subscribe to.
    static let eventTypes: Set<String> = [
        "alert.created", "alert.updated", "alert.acknowledged", "alert.resolved", "alert.escalated",
        "news2.updated", "device.quarantine", "reading.created",
    ]

    func register(on routes: SecureRoutes) {
        routes.add(.post, "webhooks", action: "webhook.create", allow: .admin) { request, caller in
            let input = try await request.decodeJSON(as: NewWebhookInput.self, context: caller.context)
            try settings.urlPolicy.check(input.url)
            let events = try Self.validated(input.events)
            let secret = WebhookSecret.generate()
            let endpoint = WebhookEndpoint(
                url: input.url, eventTypes: events, description: input.description ?? "",
                sealedSecret: try await seal(secret), createdAt: dependencies.now())
            try await dependencies.store.webhooks.create(endpoint)
            try await caller.auditor.record("webhook.create", detail: "webhook=\(endpoint.id)")
            return Created(body: CreatedWebhookView(id: endpoint.id, secret: secret.text))
        }
        routes.add(.get, "webhooks", action: "webhook.list", allow: .admin) { _, caller in
            try await caller.auditor.record("webhook.list")
            return try await dependencies.store.webhooks.endpoints().map(WebhookView.init)
        }
        routes.add(.get, "webhooks/:webhookId", action: "webhook.read", allow: .admin) { _, caller in
            let endpoint = try await existing(caller, action: "webhook.read")
            try await caller.auditor.record("webhook.read", detail: "webhook=\(endpoint.id)")
            return WebhookView(endpoint)
        }
        routes.add(.patch, "webhooks/:webhookId", action: "webhook.update", allow: .admin) { request, caller in
            let input = try await request.decodeJSON(as: WebhookUpdateInput.self, context: caller.context)
            var endpoint = try await existing(caller, action: "webhook.update")
            if let url = input.url {
                try settings.urlPolicy.check(url)
                endpoint.url = url
            }
            if let events = input.events { endpoint.eventTypes = try Self.validated(events) }
            if let description = input.description { endpoint.description = description }
            if let enabled = input.enabled { Self.setEnabled(enabled, on: &endpoint) }
            try await dependencies.store.webhooks.update(endpoint)
            try await caller.auditor.record("webhook.update", detail: "webhook=\(endpoint.id)")
            return WebhookView(endpoint)
        }
        for (path, enabled) in [("disable", false), ("enable", true)] {
            routes.add(.post, "webhooks/:webhookId/\(path)", action: "webhook.\(path)", allow: .admin) { _, caller in
                var endpoint = try await existing(caller, action: "webhook.\(path)")
                Self.setEnabled(enabled, on: &endpoint)
                try await dependencies.store.webhooks.update(endpoint)
                try await caller.auditor.record("webhook.\(path)", detail: "webhook=\(endpoint.id)")
                return WebhookView(endpoint)
            }
        }
        routes.add(.delete, "webhooks/:webhookId", action: "webhook.delete", allow: .admin) { _, caller in
            let endpoint = try await existing(caller, action: "webhook.delete")
            try await dependencies.store.webhooks.delete(endpoint.id)
            try await caller.auditor.record("webhook.delete", detail: "webhook=\(endpoint.id)")
            return HTTPResponse.Status.noContent
        }
        routes.add(.post, "webhooks/:webhookId/secret/rotate", action: "webhook.secret.rotate", allow: .admin) {
            _, caller in
            var endpoint = try await existing(caller, action: "webhook.secret.rotate")
            let secret = WebhookSecret.generate()
            endpoint.previousSealedSecret = endpoint.sealedSecret
            endpoint.previousSecretExpiresAt = dependencies.now().addingTimeInterval(settings.rotationOverlap)
            endpoint.sealedSecret = try await seal(secret)
            try await dependencies.store.webhooks.update(endpoint)
            try await caller.auditor.record("webhook.secret.rotate", detail: "webhook=\(endpoint.id)")
            return RotatedSecretView(
                id: endpoint.id, secret: secret.text, previousSecretExpiresAt: endpoint.previousSecretExpiresAt)
        }
        routes.add(.get, "webhooks/:webhookId/deliveries", action: "webhook.deliveries", allow: .admin) {
            request, caller in
            let endpoint = try await existing(caller, action: "webhook.deliveries")
            let limit = min(max(Int(request.query("limit") ?? "") ?? 100, 1), 1000)
            try await caller.auditor.record("webhook.deliveries", detail: "webhook=\(endpoint.id)")
            return try await dependencies.store.outbox.deliveries(of: endpoint.id, limit: limit).map(DeliveryView.init)
        }
        routes.add(
            .post, "webhooks/:webhookId/deliveries/:deliveryId/replay", action: "webhook.delivery.replay",
            allow: .admin
        ) { _, caller in
            let endpoint = try await existing(caller, action: "webhook.delivery.replay")
            guard let deliveryID = Int64(try caller.parameter("deliveryId")),
                try await dependencies.store.outbox.delivery(deliveryID, of: endpoint.id) != nil
            else {
                try await caller.auditor.record("webhook.delivery.replay", outcome: .denied, detail: "delivery not found")
                throw VigilError.notFound("delivery")
            }
            try await dependencies.store.outbox.replay(deliveryID, of: endpoint.id, now: dependencies.now())
            try await caller.auditor.record(
                "webhook.delivery.replay", detail: "webhook=\(endpoint.id) delivery=\(deliveryID)")
            guard let delivery = try await dependencies.store.outbox.delivery(deliveryID, of: endpoint.id) else {
                throw VigilError.notFound("delivery")
            }
            return DeliveryView(delivery)
        }
    }

    private var settings: WebhookSettings { dependencies.webhooks }

    private func seal(_ secret: WebhookSecret) async throws -> String {
        try await dependencies.devices.vault.seal(Data(secret.text.utf8)).text
    }

    private static func setEnabled(_ enabled: Bool, on endpoint: inout WebhookEndpoint) {
        endpoint.enabled = enabled
        endpoint.disabledReason = enabled ? nil : "admin"
        if enabled { endpoint.failingSince = nil }
    }

    private static func validated(_ events: [String]) throws -> Set<String> {
        let set = Set(events)
        guard !set.isEmpty, set.isSubset(of: eventTypes) else {
            throw VigilError.badRequest(
                "events must name one or more of: \(eventTypes.sorted().joined(separator: ", ")).",
                code: "bad_webhook_events")
        }
        return set
    }

    /// The endpoint named in the path; 404 (audited) when absent.
    private func existing(_ caller: SecureRoutes.Caller, action: String) async throws -> WebhookEndpoint {
        let id = WebhookEndpointID(try caller.parameter("webhookId"))
        guard let endpoint = try await dependencies.store.webhooks.endpoint(id) else {
            try await caller.auditor.record(action, outcome: .denied, detail: "webhook not found")
            throw VigilError.notFound("webhook")
        }
        return endpoint
    }
}
