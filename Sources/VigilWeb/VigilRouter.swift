import Hummingbird
import VigilCore

/// Builds the router of Vigil's HTTP API.
///
/// Middleware order: JSON errors outermost, then token resolution; every
/// `/api/v1` route is registered through `SecureRoutes`, so a route without
/// an access rule cannot exist, and anything unmatched is a JSON 404.
public enum VigilRouter {
    public static func build(_ dependencies: WebDependencies) -> Router<VigilRequestContext> {
        let router = Router(context: VigilRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        HealthController(dependencies: dependencies).register(on: router)
        let api = router.group("api/v1").add(middleware: BearerAuthMiddleware(dependencies: dependencies))
        let routes = SecureRoutes(group: api, dependencies: dependencies)
        AuthController(dependencies: dependencies).register(on: routes)
        UsersController(dependencies: dependencies).register(on: routes)
        PatientsController(dependencies: dependencies).register(on: routes)
        ObservationsController(dependencies: dependencies).register(on: routes)
        AuditController(dependencies: dependencies).register(on: routes)
        return router
    }
}
