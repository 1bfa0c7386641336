import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A small JSON client for Vigil's plain-HTTP REST API, used to provision
/// patients and devices before a load test.
struct VigilAPIClient: Sendable {
    /// `http://127.0.0.1:{port}`.
    let baseURL: String
    /// The bearer token sent with every request.
    let token: String

    private struct Login: Encodable {
        let username: String
        let password: String
    }

    private struct Session: Decodable {
        let token: String
    }

    /// Logs in as `username` (`POST /api/v1/auth/login`) and returns a client that uses the session token.
    static func login(baseURL: String, username: String, password: String) async throws -> Self {
        let session = try await send(
            "POST", "\(baseURL)/api/v1/auth/login", body: Login(username: username, password: password),
            token: nil, as: Session.self)
        return Self(baseURL: baseURL, token: session.token)
    }

    /// `POST {path}` with a JSON body; decodes the JSON answer.
    ///
    /// - Throws: ``BenchmarkError`` with the status and body when the answer is not 2xx.
    func post<Body: Encodable, Answer: Decodable>(_ path: String, _ body: Body, as type: Answer.Type) async throws -> Answer {
        try await Self.send("POST", baseURL + path, body: body, token: token, as: type)
    }

    /// `PUT {path}` with a JSON body; decodes the JSON answer.
    ///
    /// - Throws: ``BenchmarkError`` with the status and body when the answer is not 2xx.
    func put<Body: Encodable, Answer: Decodable>(_ path: String, _ body: Body, as type: Answer.Type) async throws -> Answer {
        try await Self.send("PUT", baseURL + path, body: body, token: token, as: type)
    }

    private static func send<Body: Encodable, Answer: Decodable>(
        _ method: String, _ url: String, body: Body, token: String?, as type: Answer.Type
    ) async throws -> Answer {
        guard let address = URL(string: url) else { throw BenchmarkError("bad URL \(url)") }
        var request = URLRequest(url: address)
        request.httpMethod = method
        request.timeoutInterval = 30
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = try JSONEncoder().encode(body)
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw BenchmarkError("\(method) \(address.path) answered \(status): \(String(decoding: data.prefix(500), as: UTF8.self))")
        }
        return try JSONDecoder().decode(type, from: data)
    }
}
