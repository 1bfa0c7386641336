import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A small JSON client for Vigil's REST API, to enrol the simulated
/// patients and devices as an administrator would.
struct SimulationAPIClient: Sendable {
    /// `http://127.0.0.1:8080`.
    let baseURL: String
    /// The bearer token of the signed-in administrator.
    let token: String

    private struct Login: Encodable {
        let username: String
        let password: String
    }

    private struct Session: Decodable {
        let token: String
    }

    /// Signs in (`POST /api/v1/auth/login`).
    static func login(baseURL: String, username: String, password: String) async throws -> Self {
        let (status, data) = try await send(
            "POST", baseURL + "/api/v1/auth/login", body: Login(username: username, password: password), token: nil)
        guard status == 200 else { throw SimulationError("signing in as \(username) answered \(status)") }
        return Self(baseURL: baseURL, token: try JSONDecoder().decode(Session.self, from: data).token)
    }

    /// A request with a JSON body; the status and the answer's body.
    func call(_ method: String, _ path: String, _ body: (any Encodable)? = nil) async throws -> (Int, Data) {
        try await Self.send(method, baseURL + path, body: body, token: token)
    }

    /// A request that must answer 2xx, decoded.
    func call<Answer: Decodable>(
        _ method: String, _ path: String, _ body: (any Encodable)? = nil, as type: Answer.Type
    ) async throws -> Answer {
        let (status, data) = try await call(method, path, body)
        guard (200..<300).contains(status) else { throw SimulationError("\(method) \(path) answered \(status)") }
        return try JSONDecoder().decode(type, from: data)
    }

    private static func send(
        _ method: String, _ url: String, body: (any Encodable)?, token: String?
    ) async throws -> (Int, Data) {
        guard let address = URL(string: url) else { throw SimulationError("bad URL \(url)") }
        var request = URLRequest(url: address)
        request.httpMethod = method
        request.timeoutInterval = 30
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body { request.httpBody = try JSONEncoder().encode(body) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }
}
