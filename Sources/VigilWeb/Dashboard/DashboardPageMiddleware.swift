import HTTPTypes
import Hummingbird
import VigilCore
import VigilStore

/// Wraps every dashboard response: errors become HTML pages with the right
/// status (never the error's internals), and every response carries the
/// security headers: a `'self'`-only Content-Security-Policy, no framing,
/// no MIME sniffing, no referrer.
struct DashboardPageMiddleware: RouterMiddleware {
    typealias Context = VigilRequestContext
    let renderer: DashboardRenderer

    /// The Content-Security-Policy of every dashboard response.
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = page(for: error, context: context)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "no-referrer"
        return response
    }

    private func page(for error: any Error, context: Context) -> Response {
        let status: HTTPResponse.Status
        let message: String
        switch error {
        case let error as VigilError:
            status = error.status
            message = error.message
        case let error as StoreError where error.code == .notFound:
            status = .notFound
            message = "No such \(error.entity)."
        case let error as StoreError where error.code == .conflict:
            status = .conflict
            message = "A \(error.entity) with that key already exists."
        case let error as any HTTPResponseError:
            status = error.status == .methodNotAllowed ? .notFound : error.status
            message = status == .notFound ? "No such page." : "The request could not be processed."
        default:
            // Only the type is logged: an error's text may quote request data.
            context.logger.error("Unhandled dashboard error", metadata: ["error.type": "\(type(of: error))"])
            status = .internalServerError
            message = "Something went wrong on the server."
        }
        let heading =
            switch status {
            case .notFound: "Not found"
            case .forbidden: "Not allowed"
            default: "Something is wrong"
            }
        return renderer.page(
            "error", ErrorModel(heading: heading, message: message), title: heading, chrome: nil, status: status)
    }

    private struct ErrorModel {
        let heading: String
        let message: String
    }
}

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
