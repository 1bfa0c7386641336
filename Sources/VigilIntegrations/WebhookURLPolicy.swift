import Foundation
import VigilCore

/// Which webhook URLs Vigil may call: `https` anywhere, plain `http` only to a
/// loopback address and only when allowed for development.
public struct WebhookURLPolicy: Sendable, Hashable {
    /// Whether `http://` to 127.0.0.0/8, `::1` or `localhost` is allowed. Default false.
    public var allowInsecureLoopback: Bool

    public init(allowInsecureLoopback: Bool = false) {
        self.allowInsecureLoopback = allowInsecureLoopback
    }

    /// Returns the URL if Vigil may call it; throws a `VigilError` (`bad_webhook_url`) otherwise.
    @discardableResult
    public func check(_ text: String) throws -> URL {
        guard text.count <= 2048, let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty, components.user == nil, components.password == nil,
            let url = components.url
        else {
            throw VigilError.badRequest("The webhook URL must be an absolute https URL.", code: "bad_webhook_url")
        }
        switch scheme {
        case "https":
            return url
        case "http" where allowInsecureLoopback && Self.isLoopback(host):
            return url
        case "http":
            throw VigilError.badRequest(
                "Plain http is allowed only to loopback when enabled for development.", code: "bad_webhook_url")
        default:
            throw VigilError.badRequest("The webhook URL must be an absolute https URL.", code: "bad_webhook_url")
        }
    }

    /// Whether `host` names this machine: `localhost`, 127.0.0.0/8 or `::1`.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }
}
