import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore

/// A signed-in dashboard visitor, as a browser would be: a session cookie,
/// and the CSRF token its pages carry.
struct DashboardVisitor: Sendable {
    let cookie: String
    let csrf: String

    /// Signs in through the sign-in form (with its CSRF cookie and field).
    static func signIn(
        _ username: String, password: String = TestWorld.password, _ client: any TestClientProtocol
    ) async throws -> DashboardVisitor {
        let response = try await submitSignIn(username, password: password, client)
        try #require(response.status == .seeOther, "\(response.text)")
        let session = try #require(response.setCookie(named: "vigil_session"))
        let cookie = "vigil_session=" + session.value
        var page = try await client.execute(uri: "/dashboard", method: .get, headers: [.cookie: cookie])
        if page.status == .seeOther, let location = page.headers[.location] {
            page = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie])
        }
        let csrf = try #require(page.hiddenField("csrf"), "\(page.text)")
        return DashboardVisitor(cookie: cookie, csrf: csrf)
    }

    /// Loads the sign-in form and posts it; returns the answer.
    static func submitSignIn(
        _ username: String, password: String, _ client: any TestClientProtocol
    ) async throws -> TestResponse {
        let form = try await client.execute(uri: "/dashboard/signin", method: .get)
        let csrfCookie = try #require(form.setCookie(named: "vigil_signin_csrf"))
        let field = try #require(form.hiddenField("csrf"))
        return try await client.execute(
            uri: "/dashboard/signin", method: .post,
            headers: [.cookie: "vigil_signin_csrf=" + csrfCookie.value, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: formBody(["csrf": field, "username": username, "password": password])))
    }

    func get(_ path: String, _ client: any TestClientProtocol) async throws -> TestResponse {
        try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
    }

    /// Posts a form with only its CSRF token.
    func post(_ path: String, _ client: any TestClientProtocol) async throws -> TestResponse {
        try await post(path, [:], client)
    }

    /// Posts a form; with `token: false` the CSRF field is left out.
    func post(
        _ path: String, _ fields: [String: String] = [:], token: Bool = true, _ client: any TestClientProtocol
    ) async throws -> TestResponse {
        var fields = fields
        if token { fields["csrf"] = csrf }
        return try await client.execute(
            uri: path, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: Self.formBody(fields)))
    }

    static func formBody(_ fields: [String: String]) -> String {
        fields.map { name, value in
            name + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }.joined(separator: "&")
    }
}

extension TestWorld {
    /// The username of a signed-in kind of caller.
    static func username(_ caller: Caller) -> String? {
        switch caller {
        case .admin: "admin"
        case .assignedClinician: "dr-a"
        case .unassignedClinician: "dr-z"
        case .patientA: "ada"
        case .patientB: "blaise"
        case .noToken, .expiredToken, .garbageToken: nil
        }
    }
}

extension TestResponse {
    /// The name and value of a cookie the response sets.
    func setCookie(named name: String) -> (name: String, value: String)? {
        guard let header = setCookieHeader(named: name) else { return nil }
        let pair = header.split(separator: ";", maxSplits: 1)[0].dropFirst(name.count + 1)
        return (name, String(pair))
    }

    /// The raw `Set-Cookie` header of a cookie.
    func setCookieHeader(named name: String) -> String? {
        headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }

    /// The value of the first hidden input with that name.
    func hiddenField(_ name: String) -> String? {
        let marker = "name=\"\(name)\" value=\""
        guard let start = text.range(of: marker) else { return nil }
        let rest = text[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}
