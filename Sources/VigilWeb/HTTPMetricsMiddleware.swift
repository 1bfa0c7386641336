import Hummingbird
import Metrics

/// Counts and times every request by method, matched route template and
/// status: `vigil_http_requests_total{method, route, status}` and
/// `vigil_http_request_duration_seconds{method, route}`.
///
/// The route is the pattern the router matched (`/api/v1/patients/{id}`),
/// never the raw path, so no identifier becomes a label; unmatched requests
/// are counted under `unmatched`.
struct HTTPMetricsMiddleware: RouterMiddleware {
    typealias Context = VigilRequestContext

    let factory: any MetricsFactory

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, route: context.endpointPath, status: response.status.code, since: started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request, route: context.endpointPath, status: status, since: started)
            throw error
        }
    }

    private func record(_ request: Request, route: String?, status: Int, since started: ContinuousClock.Instant) {
        let method = Self.methods.contains(request.method.rawValue) ? request.method.rawValue : "OTHER"
        // Hummingbird names an unmatched request's endpoint `NotFound`.
        let route = route.flatMap { $0 == "NotFound" ? nil : $0 } ?? "unmatched"
        Counter(
            label: "vigil_http_requests_total",
            dimensions: [("method", method), ("route", route), ("status", String(status))], factory: factory
        ).increment()
        Timer(
            label: "vigil_http_request_duration_seconds", dimensions: [("method", method), ("route", route)],
            factory: factory
        ).record(duration: ContinuousClock.now - started)
    }

    /// Methods counted by name; any other is `OTHER`, so a client cannot mint labels.
    private static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
}
