import Hummingbird
import Logging

/// `/health/live` (the process answers) and `/health/ready` (the database
/// answers, and every configured check passes: listeners bound, webhook
/// backlog under its threshold). Both are open: they carry no patient data.
struct HealthController {
    let dependencies: WebDependencies

    func register(on router: Router<VigilRequestContext>) {
        router.get("health/live") { _, _ in HealthStatus(status: "live", checks: nil) }
        router.get("health/ready") { request, context in
            let checks = await runChecks()
            let failing = checks.filter { !$0.value.isUp }.keys.sorted()
            if !failing.isEmpty {
                context.logger.warning("Readiness check failed", metadata: ["checks": "\(failing.joined(separator: ","))"])
            }
            var response = try HealthStatus(status: failing.isEmpty ? "ready" : "unavailable", checks: checks)
                .response(from: request, context: context)
            if !failing.isEmpty { response.status = .serviceUnavailable }
            return response
        }
    }

    private func runChecks() async -> [String: ReadinessCheck.Result] {
        let store = dependencies.store
        let database = ReadinessCheck(name: "database") {
            do {
                try await store.checkHealth()
                return .up()
            } catch {
                return .down("the database does not answer")
            }
        }
        return await withTaskGroup(of: (String, ReadinessCheck.Result).self) { group in
            for check in [database] + dependencies.operations.readinessChecks {
                group.addTask { (check.name, await check.check()) }
            }
            var results: [String: ReadinessCheck.Result] = [:]
            for await (name, result) in group { results[name] = result }
            return results
        }
    }
}

/// `{"status": …, "checks": {name: {"status", "detail"}}}`.
struct HealthStatus: ResponseEncodable {
    let status: String
    let checks: [String: ReadinessCheck.Result]?
}
