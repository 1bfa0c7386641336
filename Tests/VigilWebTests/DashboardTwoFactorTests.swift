import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigilApp
import VigilCore
import VigilSecurity

/// Admins' optional TOTP second factor: enrolment on the dashboard, sign-in
/// in two steps, codes good once, wrong codes throttled like wrong
/// passwords, the API asking for the code too, and turning it off.
struct DashboardTwoFactorTests {
    /// An admin's authenticator app: the secret the enrolment page showed.
    struct Authenticator {
        let secret: [UInt8]
        let clock: TestClock

        var totp: TOTP { TOTP(secret: secret) }
        /// The code the app shows now.
        var code: String { totp.code(at: clock.now) }
        /// The code `steps` periods from now.
        func code(steps: Int64) -> String { totp.code(forStep: totp.step(at: clock.now) + steps) }
    }

    /// Sets up and confirms the visitor's second factor; returns their app.
    static func enrol(_ visitor: DashboardVisitor, clock: TestClock, _ client: any TestClientProtocol) async throws -> Authenticator {
        let setup = try await visitor.post("/dashboard/account/two-factor/setup", client)
        try #require(setup.status == .ok, "\(setup.text)")
        let base32 = try #require(setup.text.components(separatedBy: "data-totp-secret>").dropFirst().first?
            .components(separatedBy: "<").first)
        let app = Authenticator(secret: try #require(Base32.decode(base32)), clock: clock)
        let confirmed = try await visitor.post("/dashboard/account/two-factor/confirm", ["code": app.code], client)
        try #require(confirmed.text.contains("Two-step sign-in is on."), "\(confirmed.text)")
        return app
    }

    /// Posts the code form of a pending sign-in.
    static func submitCode(
        _ code: String, pending: String, csrf: String? = nil, _ client: any TestClientProtocol
    ) async throws -> TestResponse {
        let cookie = "vigil_signin_pending=" + pending
        let form = try await client.execute(uri: "/dashboard/signin/code", method: .get, headers: [.cookie: cookie])
        let field = try #require(form.hiddenField("csrf"), "\(form.text)")
        return try await client.execute(
            uri: "/dashboard/signin/code", method: .post,
            headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: DashboardVisitor.formBody(["csrf": csrf ?? field, "code": code])))
    }

    /// Signs in with the password; returns the pending sign-in's secret.
    static func signInWithPassword(_ username: String, _ client: any TestClientProtocol) async throws -> String {
        let response = try await DashboardVisitor.submitSignIn(username, password: TestWorld.password, client)
        try #require(response.status == .seeOther)
        try #require(response.headers[.location] == "/dashboard/signin/code")
        #expect(response.setCookieHeader(named: "vigil_session") == nil)
        let header = try #require(response.setCookieHeader(named: "vigil_signin_pending"))
        #expect(header.contains("HttpOnly") && header.contains("SameSite=Strict") && header.contains("Path=/dashboard/signin"))
        return try #require(response.setCookie(named: "vigil_signin_pending")?.value)
    }

    @Test
    func enrolmentShowsTheSecretAsBase32AndKeyURIAndStoresItSealed() async throws {
        let clock = TestClock(Date())
        try await TestWorld.with(now: { clock.now }) { world, client in
            let admin = try await DashboardVisitor.signIn("admin", client)
            #expect(try await admin.get("/dashboard/account/two-factor", client).text.contains("Two-step sign-in is off"))
            let setup = try await admin.post("/dashboard/account/two-factor/setup", client)
            let base32 = try #require(setup.text.components(separatedBy: "data-totp-secret>").dropFirst().first?
                .components(separatedBy: "<").first)
            #expect(base32.count == 32)
            #expect(setup.text.contains("otpauth://totp/Vigil:admin?secret=\(base32)&amp;issuer=Vigil"))
            let me = try await world.user(.admin)
            let stored = try #require(try await world.store.totp.enrolment(of: me.id))
            #expect(!stored.isConfirmed)
            #expect(stored.sealedSecret.hasPrefix("v1."))
            #expect(!stored.sealedSecret.contains(base32))
            // Until confirmed, sign-in takes only the password.
            #expect(try await DashboardVisitor.submitSignIn("admin", password: TestWorld.password, client).headers[.location] == "/dashboard")

            let app = Authenticator(secret: try #require(Base32.decode(base32)), clock: clock)
            let wrong = try await admin.post("/dashboard/account/two-factor/confirm", ["code": app.code(steps: 3)], client)
            #expect(wrong.status == .badRequest)
            #expect(try await world.store.totp.enrolment(of: me.id)?.isConfirmed == false)
            let right = try await admin.post("/dashboard/account/two-factor/confirm", ["code": app.code], client)
            #expect(right.status == .ok)
            #expect(right.text.contains("Two-step sign-in is on"))
            #expect(try await world.store.totp.enrolment(of: me.id)?.isConfirmed == true)
            let records = try await world.store.audit.recent(limit: 20, patient: nil).map(\.entry)
            #expect(records.contains { $0.action == "auth.totp.setup" && $0.outcome == .success })
            #expect(records.contains { $0.action == "auth.totp.enable" && $0.outcome == .failure })
            #expect(records.contains { $0.action == "auth.totp.enable" && $0.outcome == .success })
        }
    }

    @Test
    func signInAsksForTheCodeAndOnlyThenStartsTheSession() async throws {
        let clock = TestClock(Date())
        try await TestWorld.with(now: { clock.now }) { world, client in
            let app = try await Self.enrol(try await DashboardVisitor.signIn("admin", client), clock: clock, client)
            let pending = try await Self.signInWithPassword("admin", client)
            // The pending sign-in opens nothing: not as a session cookie, not as a bearer token.
            let asSession = try await client.execute(
                uri: "/dashboard/worklist", method: .get, headers: [.cookie: "vigil_session=" + pending])
            #expect(asSession.headers[.location] == "/dashboard/signin")
            let asBearer = try await client.execute(
                uri: "/api/v1/auth/me", method: .get, headers: [.authorization: "Bearer " + pending])
            #expect(asBearer.status == .unauthorized)

            clock.advance(by: 30)
            let signedIn = try await Self.submitCode(app.code, pending: pending, client)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/dashboard")
            let session = try #require(signedIn.setCookie(named: "vigil_session")?.value)
            #expect(signedIn.setCookieHeader(named: "vigil_signin_pending")?.contains("Max-Age=0") == true)
            let worklist = try await client.execute(
                uri: "/dashboard/worklist", method: .get, headers: [.cookie: "vigil_session=" + session])
            #expect(worklist.status == .ok)
            // The pending sign-in was used up.
            #expect(try await client.execute(
                uri: "/dashboard/signin/code", method: .get, headers: [.cookie: "vigil_signin_pending=" + pending]
            ).headers[.location] == "/dashboard/signin")
            let records = try await world.store.audit.recent(limit: 10, patient: nil).map(\.entry)
            #expect(records.contains { $0.action == "auth.login.password" && $0.username == "admin" })
            #expect(records.contains { $0.action == "auth.login" && $0.detail == "session, second factor" })
        }
    }

    @Test
    func aCodeIsGoodOnceAndOneStepEitherSide() async throws {
        let clock = TestClock(Date())
        try await TestWorld.with(now: { clock.now }) { _, client in
            let app = try await Self.enrol(try await DashboardVisitor.signIn("admin", client), clock: clock, client)
            // The code that confirmed enrolment was used up by it.
            let replayed = try await Self.submitCode(app.code, pending: try await Self.signInWithPassword("admin", client), client)
            #expect(replayed.status == .unauthorized)
            #expect(replayed.text.contains("The code is wrong or was already used."))
            #expect(replayed.setCookieHeader(named: "vigil_session") == nil)

            let ahead = try await Self.submitCode(app.code(steps: 1), pending: try await Self.signInWithPassword("admin", client), client)
            #expect(ahead.status == .seeOther)
            let again = try await Self.submitCode(app.code(steps: 1), pending: try await Self.signInWithPassword("admin", client), client)
            #expect(again.status == .unauthorized)
            clock.advance(by: 90)
            let late = try await Self.submitCode(app.code(steps: -2), pending: try await Self.signInWithPassword("admin", client), client)
            #expect(late.status == .unauthorized)
            let behind = try await Self.submitCode(app.code(steps: -1), pending: try await Self.signInWithPassword("admin", client), client)
            #expect(behind.status == .seeOther)
        }
    }

    @Test
    func wrongCodesCountTowardTheSignInThrottle() async throws {
        let clock = TestClock(Date())
        try await TestWorld.with(now: { clock.now }) { world, client in
            let app = try await Self.enrol(try await DashboardVisitor.signIn("admin", client), clock: clock, client)
            let pending = try await Self.signInWithPassword("admin", client)
            let valid = Set((-2...2).map { app.code(steps: Int64($0)) })
            let guesses = (0..<100).map { String(format: "%06d", $0) }.filter { !valid.contains($0) }
            for guess in guesses.prefix(world.assembly.web.dashboard.maximumFailedSignIns) {
                let response = try await Self.submitCode(guess, pending: pending, client)
                #expect(response.status == .unauthorized)
            }
            clock.advance(by: 30)
            let locked = try await Self.submitCode(app.code, pending: pending, client)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.setCookieHeader(named: "vigil_session") == nil)
            // The password alone does not reset the count either.
            let password = try await DashboardVisitor.submitSignIn("admin", password: TestWorld.password, client)
            #expect(password.status == .tooManyRequests)
            let api = try await client.execute(
                uri: "/api/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                body: .json(#"{"username":"admin","password":"\#(TestWorld.password)","totp":"\#(app.code)"}"#))
            #expect(api.status == .tooManyRequests)
        }
    }

    @Test
    func pendingSignInExpiresAndRefusesAForgedForm() async throws {
        let clock = TestClock(Date())
        try await TestWorld.with(now: { clock.now }) { world, client in
            let app = try await Self.enrol(try await DashboardVisitor.signIn("admin", client), clock: clock, client)
            let pending = try await Self.signInWithPassword("admin", client)
            let forged = try await Self.submitCode(app.code(steps: 1), pending: pending, csrf: "forged", client)
            #expect(forged.status == .forbidden)
            #expect(forged.setCookieHeader(named: "vigil_session") == nil)
            clock.advance(by: world.assembly.web.dashboard.secondFactorTimeout + 1)
            let cookie = "vigil_signin_pending=" + pending
            let expired = try await client.execute(
                uri: "/dashboard/signin/code", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: DashboardVisitor.formBody(["code": app.code])))
            #expect(expired.status == .seeOther)
            #expect(expired.headers[.location] == "/dashboard/signin")
            #expect(expired.setCookieHeader(named: "vigil_session") == nil)
        }
    }

    @Test
    func apiSignInTakesTheCodeBesideThePassword() async throws {
        let clock = TestClock(Date())
        try await TestWorld.with(now: { clock.now }) { _, client in
            let app = try await Self.enrol(try await DashboardVisitor.signIn("admin", client), clock: clock, client)
            func login(_ totp: String?) async throws -> TestResponse {
                let code = totp.map { #","totp":"\#($0)""# } ?? ""
                return try await client.execute(
                    uri: "/api/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                    body: .json(#"{"username":"admin","password":"\#(TestWorld.password)"\#(code)}"#))
            }
            let missing = try await login(nil)
            #expect(missing.status == .unauthorized && missing.errorCode == "second_factor_required")
            let wrong = try await login(app.code(steps: 5))
            #expect(wrong.status == .unauthorized && wrong.errorCode == "invalid_second_factor")
            let right = try await login(app.code(steps: 1))
            #expect(right.status == .ok, "\(right.text)")
            let replayed = try await login(app.code(steps: 1))
            #expect(replayed.errorCode == "invalid_second_factor")
            // Users without a second factor sign in as before.
            let clinician = try await client.execute(
                uri: "/api/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                body: .json(#"{"username":"dr-a","password":"\#(TestWorld.password)"}"#))
            #expect(clinician.status == .ok)
        }
    }

    @Test
    func turningItOffTakesACurrentCode() async throws {
        let clock = TestClock(Date())
        try await TestWorld.with(now: { clock.now }) { world, client in
            let admin = try await DashboardVisitor.signIn("admin", client)
            let app = try await Self.enrol(admin, clock: clock, client)
            let again = try await admin.post("/dashboard/account/two-factor/setup", client)
            #expect(again.status == .badRequest)
            #expect(again.text.contains("already on"))
            let wrong = try await admin.post("/dashboard/account/two-factor/disable", ["code": app.code(steps: 4)], client)
            #expect(wrong.status == .badRequest)
            #expect(try await world.store.totp.enrolment(of: (try await world.user(.admin)).id)?.isConfirmed == true)
            clock.advance(by: 30)
            let off = try await admin.post("/dashboard/account/two-factor/disable", ["code": app.code], client)
            #expect(off.status == .ok)
            #expect(off.text.contains("Two-step sign-in is off"))
            #expect(try await world.store.totp.enrolment(of: (try await world.user(.admin)).id) == nil)
            let signIn = try await DashboardVisitor.submitSignIn("admin", password: TestWorld.password, client)
            #expect(signIn.headers[.location] == "/dashboard")
        }
    }

    @Test
    func secretsSurviveAMasterKeyRotationAndTheOldKeysRetirement() async throws {
        let clock = TestClock(Date())
        try await TestWorld.with(now: { clock.now }) { world, client in
            let app = try await Self.enrol(try await DashboardVisitor.signIn("admin", client), clock: clock, client)
            let admin = try await world.user(.admin)
            let before = try #require(try await world.store.totp.enrolment(of: admin.id)).sealedSecret
            let rotation = MasterKeyRotation(store: world.store, dataDirectory: world.dataDirectory)
            let report = try await rotation.rotate()
            #expect(report.rewrappedTOTPSecrets == 1)
            _ = try await rotation.retireOldKeys()
            let after = try #require(try await world.store.totp.enrolment(of: admin.id)).sealedSecret
            #expect(after != before)
            #expect(try SealedSecret(text: after).masterKeyID == report.activeKeyID)
            let signedIn = try await Self.submitCode(app.code(steps: 1), pending: try await Self.signInWithPassword("admin", client), client)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.setCookie(named: "vigil_session") != nil)
        }
    }
}
