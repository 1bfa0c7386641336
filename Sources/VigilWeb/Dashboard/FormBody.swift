import Foundation
import Hummingbird
import VigilCore

/// The fields of an `application/x-www-form-urlencoded` form post.
struct FormBody: Sendable {
    /// The largest form body accepted: 64 KiB.
    static let maximumSize = 64 * 1024

    private var fields: [String: [String]] = [:]

    /// Parses `name=value&…` text, keeping every value of a repeated name.
    init(text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), !name.isEmpty else { continue }
            fields[name, default: []].append(parts.count > 1 ? Self.decode(parts[1]) ?? "" : "")
        }
    }

    /// Reads and parses a request's form body.
    static func read(_ request: Request) async throws -> FormBody {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumSize)
        } catch {
            throw VigilError(.payloadTooLarge, code: "payload_too_large", message: "The form is too large.")
        }
        return FormBody(text: String(buffer: buffer))
    }

    /// A field's first value, or nil when absent.
    subscript(_ name: String) -> String? { fields[name]?.first }

    /// Every value of a repeated field (checkboxes), in order.
    func values(_ name: String) -> [String] { fields[name] ?? [] }

    /// A field's value with surrounding white space removed, or nil when absent or blank.
    func trimmed(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
