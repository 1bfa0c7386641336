import Foundation
import Logging
import ServiceLifecycle

/// Runs a check at once and then every `interval` until graceful shutdown; a
/// failed check is logged (by error type only) and the next one still runs.
enum PeriodicCheck {
    static func run(
        every interval: TimeInterval, named name: String, logger: Logger, _ check: @escaping @Sendable () async throws -> Void
    ) async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    do {
                        try await check()
                    } catch {
                        logger.error("\(name) failed", metadata: ["error": "\(type(of: error))"])
                    }
                    try await Task.sleep(for: .seconds(interval))
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
