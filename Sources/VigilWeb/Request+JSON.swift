import Foundation
import Hummingbird
import VigilCore

extension Request {
    /// The largest JSON body the API accepts (1 MiB).
    static let maximumJSONBodySize = 1 << 20

    /// Decodes a JSON body, refusing other content types (415), oversized
    /// bodies (413) and malformed JSON (400, naming the field but never the value).
    func decodeJSON<Body: Decodable>(as type: Body.Type, context: VigilRequestContext) async throws -> Body {
        guard let contentType = headers[.contentType], MediaType(from: contentType)?.isJSON == true else {
            throw VigilError(
                .unsupportedMediaType, code: "unsupported_media_type", message: "The body must be application/json.")
        }
        let buffer = try await body.collect(upTo: Self.maximumJSONBodySize)
        do {
            return try context.requestDecoder.decode(Body.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw VigilError.badRequest(error.clientMessage, code: "invalid_body")
        }
    }

    /// A query parameter, or nil when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }
}

extension MediaType {
    /// `application/json` or any `+json` type.
    var isJSON: Bool {
        type == .application && (subType == "json" || subType.hasSuffix("+json"))
    }
}

extension DecodingError {
    /// What is wrong, naming the field path but never the offending value.
    var clientMessage: String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let names = codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return names.isEmpty ? "the body" : "'" + names.joined(separator: ".") + "'"
        }
        switch self {
        case .keyNotFound(let key, let context):
            return "Missing field \(path(context.codingPath + [key]))."
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "Field \(path(context.codingPath)) has the wrong type."
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "The body is not valid JSON." : "Field \(path(context.codingPath)) is invalid."
        @unknown default:
            return "The body is invalid."
        }
    }
}
