import Hummingbird

/// `GET /metrics`: every metric in the Prometheus text format (0.0.4).
///
/// Open, like the health checks: metrics carry counts, durations and bounded
/// codes (protocol, outcome, reason, severity, route template), never
/// identifiers or patient data. Put the port behind a firewall or proxy to
/// keep them private.
struct MetricsController {
    let exposition: @Sendable () async -> String

    func register(on router: Router<VigilRequestContext>) {
        router.get("metrics") { _, _ in
            var response = Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: await exposition())))
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }
}
