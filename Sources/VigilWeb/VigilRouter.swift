import Hummingbird
import VigilCore

/// Builds the router of Vigil's HTTP API.
///
/// Middleware order: JSON errors outermost, then token resolution; every
/// `/api/v1` route is registered through `SecureRoutes`, so a route without
/// an access rule cannot exist, and anything unmatched is a JSON 404.
public enum VigilRouter {
    /// - Parameters:
    ///   - deviceEndpoint: whether to serve IoT Hub's HTTPS telemetry
    ///     endpoint too (only on the TLS listener, so device tokens never cross in the clear).
    ///   - tls: whether the listener serves TLS, so dashboard cookies are marked `Secure`.
    public static func build(
        _ dependencies: WebDependencies, deviceEndpoint: Bool, tls: Bool = false
    ) -> Router<VigilRequestContext> {
        var dependencies = dependencies
        if tls { dependencies.dashboard.secureCookies = true }
        let router = Router(context: VigilRequestContext.self)
        // Outermost, so it sees the status the error middleware answers with.
        router.add(middleware: HTTPMetricsMiddleware(factory: dependencies.operations.metrics))
        router.add(middleware: ErrorMiddleware())
        HealthController(dependencies: dependencies).register(on: router)
        Dashboard(dependencies: dependencies).register(on: router)
        if let exposition = dependencies.operations.exposition {
            MetricsController(exposition: exposition).register(on: router)
        }
        if deviceEndpoint { dependencies.devices.telemetry.register(on: router) }
        let api = router.group("api/v1").add(middleware: BearerAuthMiddleware(dependencies: dependencies))
        let routes = SecureRoutes(group: api, dependencies: dependencies)
        AuthController(dependencies: dependencies).register(on: routes)
        UsersController(dependencies: dependencies).register(on: routes)
        PatientsController(dependencies: dependencies).register(on: routes)
        ObservationsController(dependencies: dependencies).register(on: routes)
        AuditController(dependencies: dependencies).register(on: routes)
        DevicesController(dependencies: dependencies, devices: dependencies.devices).register(on: routes)
        QuarantineController(dependencies: dependencies, devices: dependencies.devices).register(on: routes)
        TwinsController(dependencies: dependencies, devices: dependencies.devices).register(on: routes)
        DirectMethodsController(dependencies: dependencies, devices: dependencies.devices).register(on: routes)
        CloudMessagesController(dependencies: dependencies, devices: dependencies.devices).register(on: routes)
        AlertsController(dependencies: dependencies).register(on: routes)
        RulesController(dependencies: dependencies).register(on: routes)
        EventsController(dependencies: dependencies).register(on: routes)
        WebhooksController(dependencies: dependencies).register(on: routes)
        return router
    }
}
