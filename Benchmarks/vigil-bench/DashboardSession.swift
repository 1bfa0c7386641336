import AsyncHTTPClient
import Foundation
import NIOCore

/// A browser's view of the dashboard for a benchmark: signs in through the
/// sign-in form (double-submit CSRF cookie, then the session cookie) and
/// fetches pages with the session, timing each request.
struct DashboardSession: Sendable {
    let client: HTTPClient
    /// `http://127.0.0.1:{port}`.
    let baseURL: String
    /// `vigil_session=…`.
    let cookie: String

    /// One fetched page: its status, body and how long the request took.
    struct Fetch: Sendable {
        var status: UInt
        var body: ByteBuffer
        /// From sending the request to reading the last byte of the answer.
        var microseconds: Int
    }

    /// Signs in as `username` through `/dashboard/signin`.
    ///
    /// - Throws: ``BenchmarkError`` when the form, its CSRF value or the session cookie is missing.
    static func signIn(client: HTTPClient, baseURL: String, username: String, password: String) async throws -> Self {
        let form = try await client.execute(HTTPClientRequest(url: baseURL + "/dashboard/signin"), timeout: .seconds(30))
        let page = String(buffer: try await form.body.collect(upTo: 1 << 20))
        guard let csrfCookie = cookie(named: "vigil_signin_csrf", in: form.headers["set-cookie"]),
            let field = page.range(of: #"name="csrf" value=""#),
            let end = page[field.upperBound...].firstIndex(of: "\"")
        else { throw BenchmarkError("the sign-in form has no CSRF field or cookie") }
        let csrf = String(page[field.upperBound..<end])
        var request = HTTPClientRequest(url: baseURL + "/dashboard/signin")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Cookie", value: csrfCookie)
        let fields = ["username": username, "password": password, "csrf": csrf]
        request.body = .bytes(ByteBuffer(string: fields.map { "\($0.key)=\(formEncoded($0.value))" }.joined(separator: "&")))
        let answer = try await client.execute(request, timeout: .seconds(30))
        _ = try await answer.body.collect(upTo: 1 << 20)
        guard let session = cookie(named: "vigil_session", in: answer.headers["set-cookie"]) else {
            throw BenchmarkError("signing in as \(username) answered \(answer.status.code) without a session cookie")
        }
        return Self(client: client, baseURL: baseURL, cookie: session)
    }

    /// `GET {path}` with the session cookie, timed.
    func fetch(_ path: String) async throws -> Fetch {
        var request = HTTPClientRequest(url: baseURL + path)
        request.headers.add(name: "Cookie", value: cookie)
        let start = ContinuousClock.now
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 16 << 20)
        return Fetch(status: response.status.code, body: body, microseconds: (ContinuousClock.now - start).microseconds)
    }

    /// `name=value` of the `Set-Cookie` header that sets `name`.
    private static func cookie(named name: String, in headers: [String]) -> String? {
        headers.lazy.compactMap { header in
            header.split(separator: ";").first.map { String($0).trimmingCharacters(in: .whitespaces) }
        }.first { $0.hasPrefix(name + "=") }
    }

    private static func formEncoded(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
