import Hummingbird
import Logging
import VigilCore
import VigilStore

/// Turns every error into the API's JSON error body, so clients always get
/// `{"error": {"code", "message"}}`, and unexpected errors reveal nothing.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = VigilRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try translate(error, context: context).response(from: request, context: context)
        }
    }

    private func translate(_ error: any Error, context: Context) -> VigilError {
        switch error {
        case let error as VigilError:
            return error
        case let error as StoreError where error.code == .conflict:
            return VigilError(.conflict, code: "conflict", message: "A \(error.entity) with that key already exists.")
        case let error as StoreError where error.code == .notFound:
            return .notFound(error.entity)
        case let error as StoreError where error.code == .unavailable:
            return VigilError(.unavailable, code: "database_unavailable", message: "The database is unavailable.")
        case let error as HTTPError:
            return Self.fromHTTP(error.status)
        case let error as any HTTPResponseError:
            return Self.fromHTTP(error.status)
        default:
            // Only the type is logged: an error's text may quote request data.
            context.logger.error("Unhandled error", metadata: ["error.type": "\(type(of: error))"])
            return VigilError(.internal, code: "internal_error", message: "Something went wrong on the server.")
        }
    }

    private static func fromHTTP(_ status: HTTPResponse.Status) -> VigilError {
        switch status {
        case .notFound: VigilError(.notFound, code: "not_found", message: "No such resource.")
        case .methodNotAllowed: VigilError(.notFound, code: "not_found", message: "No such resource.")
        case .contentTooLarge: VigilError(.payloadTooLarge, code: "payload_too_large", message: "The body is too large.")
        case .unauthorized: .unauthenticated
        case .forbidden: .forbidden
        default: VigilError(.badRequest, code: "bad_request", message: "The request could not be processed.")
        }
    }
}
