import Hummingbird
import Logging

/// `/health/live` (the process answers) and `/health/ready` (the database answers too).
struct HealthController {
    let dependencies: WebDependencies

    func register(on router: Router<VigilRequestContext>) {
        router.get("health/live") { _, _ in HealthStatus(status: "live") }
        router.get("health/ready") { request, context in
            do {
                try await dependencies.store.checkHealth()
                return try HealthStatus(status: "ready").response(from: request, context: context)
            } catch {
                context.logger.warning("Readiness check failed: database unavailable")
                var response = try HealthStatus(status: "unavailable").response(from: request, context: context)
                response.status = .serviceUnavailable
                return response
            }
        }
    }
}

/// `{"status": …}`.
struct HealthStatus: ResponseEncodable {
    let status: String
}
