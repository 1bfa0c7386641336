import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import VigilApp
import VigilCore
import VigilWeb

/// Dashboard sign-in sessions: cookie attributes, CSRF on every form, idle
/// timeout, sign-out, and slowing down password guessing.
struct DashboardSessionTests {
    @Test
    func sessionCookieIsHttpOnlySameSiteAndNotSecureOverPlainHTTP() async throws {
        try await TestWorld.with { _, client in
            let response = try await DashboardVisitor.submitSignIn("dr-a", password: TestWorld.password, client)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/dashboard")
            let header = try #require(response.setCookieHeader(named: "vigil_session"))
            #expect(header.contains("HttpOnly"))
            #expect(header.contains("SameSite=Lax"))
            #expect(header.contains("Path=/"))
            #expect(!header.contains("Secure"))
            let value = try #require(response.setCookie(named: "vigil_session")?.value)
            #expect(value.hasPrefix("vgs_") && value.count > 40)
        }
    }

    @Test
    func sessionCookieIsSecureOnTheTLSListener() async throws {
        try await TestWorld.with { world, _ in
            let router = VigilRouter.build(world.assembly.web, deviceEndpoint: false, tls: true)
            try await Application(router: router).test(.router) { client in
                let response = try await DashboardVisitor.submitSignIn("dr-a", password: TestWorld.password, client)
                #expect(response.status == .seeOther)
                let header = try #require(response.setCookieHeader(named: "vigil_session"))
                #expect(header.contains("Secure"))
                #expect(header.contains("HttpOnly"))
                let csrf = try await client.execute(uri: "/dashboard/signin", method: .get)
                #expect(csrf.setCookieHeader(named: "vigil_signin_csrf")?.contains("Secure") == true)
                #expect(csrf.setCookieHeader(named: "vigil_signin_csrf")?.contains("SameSite=Strict") == true)
            }
        }
    }

    @Test
    func signInWithoutTheFormsCSRFValueIsRefused() async throws {
        try await TestWorld.with { _, client in
            let body = DashboardVisitor.formBody(["username": "dr-a", "password": TestWorld.password, "csrf": "forged"])
            let response = try await client.execute(
                uri: "/dashboard/signin", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "vigil_signin_csrf=other"],
                body: ByteBuffer(string: body))
            #expect(response.status == .forbidden)
            #expect(response.setCookieHeader(named: "vigil_session") == nil)
        }
    }

    @Test
    func wrongPasswordShowsTheFormAgainWithoutASession() async throws {
        try await TestWorld.with { _, client in
            let response = try await DashboardVisitor.submitSignIn("dr-a", password: "wrong password", client)
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("The username or password is wrong."))
            #expect(response.setCookieHeader(named: "vigil_session") == nil)
        }
    }

    @Test
    func repeatedFailedSignInsLockTheUsernameOutEvenWithTheRightPassword() async throws {
        try await TestWorld.with { world, client in
            for _ in 0..<world.assembly.web.dashboard.maximumFailedSignIns {
                let response = try await DashboardVisitor.submitSignIn("dr-a", password: "guess", client)
                #expect(response.status == .unauthorized)
            }
            let locked = try await DashboardVisitor.submitSignIn("dr-a", password: TestWorld.password, client)
            #expect(locked.status == .tooManyRequests)
            #expect(Int(locked.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(locked.setCookieHeader(named: "vigil_session") == nil)
            let records = try await world.store.audit.recent(limit: 20, patient: nil)
            #expect(records.contains { $0.entry.action == "auth.login" && $0.entry.detail == "throttled" })
        }
    }

    /// Every form of the dashboard, posted without its token.
    enum Form: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case signOut, acknowledge, resolve, createPatient, createDevice, createUser, replay, saveRules
        case editPatient, setCareTeam, disableDevice, rotateKey, resetPassword, disableUser
        case rebindDevice, changeRole, removeSecondFactor, twoFactorSetup, twoFactorConfirm, twoFactorDisable
        case saveRulesForm
        var testDescription: String { rawValue }

        func path(_ alert: AlertID, patient: PatientID) -> String {
            switch self {
            case .signOut: "/dashboard/signout"
            case .acknowledge: "/dashboard/alerts/\(alert)/acknowledge"
            case .resolve: "/dashboard/alerts/\(alert)/resolve"
            case .createPatient: "/dashboard/admin/patients"
            case .createDevice: "/dashboard/admin/devices"
            case .createUser: "/dashboard/admin/users"
            case .replay: "/dashboard/admin/quarantine/1/replay"
            case .saveRules: "/dashboard/patients/\(patient)/rules"
            case .editPatient: "/dashboard/admin/patients/\(patient)"
            case .setCareTeam: "/dashboard/admin/patients/\(patient)/care-team"
            case .disableDevice: "/dashboard/admin/devices/cuff-1/disable"
            case .rotateKey: "/dashboard/admin/devices/cuff-1/rotate"
            case .resetPassword: "/dashboard/admin/users/\(UserID.random())/password"
            case .disableUser: "/dashboard/admin/users/\(UserID.random())/disable"
            case .rebindDevice: "/dashboard/admin/devices/cuff-1/rebind"
            case .changeRole: "/dashboard/admin/users/\(UserID.random())/role"
            case .removeSecondFactor: "/dashboard/admin/users/\(UserID.random())/two-factor/remove"
            case .twoFactorSetup: "/dashboard/account/two-factor/setup"
            case .twoFactorConfirm: "/dashboard/account/two-factor/confirm"
            case .twoFactorDisable: "/dashboard/account/two-factor/disable"
            case .saveRulesForm: "/dashboard/patients/\(patient)/rules/form"
            }
        }
    }

    @Test(arguments: Form.allCases, [false, true])
    func formPostWithoutAValidCSRFTokenIsRefusedAndChangesNothing(form: Form, forged: Bool) async throws {
        try await TestWorld.with { world, client in
            let alert = try await DashboardPagesTests.raiseAlert(for: world.patientA, severity: .high, in: world)
            let admin = try await DashboardVisitor.signIn("admin", client)
            let patientsBefore = try await world.store.patients.all().count
            var fields = [
                "displayName": "Carl Gauss", "patientId": world.patientA.id.rawValue, "note": "seen",
                "rules": #"{"formatVersion":1,"rules":[]}"#, "role": "admin", "code": "123456",
                "new.type": "heartRate", "new.comparison": ">", "new.value": "120", "new.severity": "high",
            ]
            if forged { fields["csrf"] = String(admin.csrf.reversed()) }
            let response = try await admin.post(form.path(alert.id, patient: world.patientA.id), fields, token: false, client)
            #expect(response.status == .forbidden)
            #expect(try await world.store.alerts.alert(alert.id)?.state == .open)
            #expect(try await world.store.patients.all().count == patientsBefore)
            #expect(try await world.store.devices.devices(of: nil).isEmpty)
            #expect(try await world.store.rules.rules(of: world.patientA.id) == nil)
            #expect(try await world.store.patients.patient(world.patientA.id)?.displayName == world.patientA.displayName)
            #expect(try await world.store.patients.careTeam(of: world.patientA.id).count == 1)
            #expect(try await world.store.totp.enrolment(of: (try await world.user(.admin)).id) == nil)
            #expect(try await world.store.users.all().filter { $0.role == .admin }.count == 1)
            // The session is still alive: sign-out was refused too.
            #expect(try await admin.get("/dashboard/worklist", client).status == .ok)
        }
    }

    @Test
    func idleSessionEndsAfterFifteenMinutesButActivityKeepsItAlive() async throws {
        let clock = TestClock(Date())
        try await TestWorld.with(now: { clock.now }) { _, client in
            let visitor = try await DashboardVisitor.signIn("dr-a", client)
            clock.advance(minutes: 10)
            #expect(try await visitor.get("/dashboard/worklist", client).status == .ok)
            clock.advance(minutes: 10)
            #expect(try await visitor.get("/dashboard/worklist", client).status == .ok)
            clock.advance(minutes: 16)
            let expired = try await visitor.get("/dashboard/worklist", client)
            #expect(expired.status == .seeOther)
            #expect(expired.headers[.location] == "/dashboard/signin")
        }
    }

    @Test
    func backgroundRefreshesDoNotCountAsActivity() async throws {
        let clock = TestClock(Date())
        try await TestWorld.with(now: { clock.now }) { _, client in
            let visitor = try await DashboardVisitor.signIn("dr-a", client)
            for _ in 0..<3 {
                clock.advance(minutes: 4)
                #expect(try await visitor.get("/dashboard/worklist/fragment", client).status == .ok)
            }
            clock.advance(minutes: 4)
            #expect(try await visitor.get("/dashboard/worklist/fragment", client).status == .seeOther)
        }
    }

    @Test
    func signOutEndsTheSessionAndClearsTheCookie() async throws {
        try await TestWorld.with { world, client in
            let visitor = try await DashboardVisitor.signIn("dr-a", client)
            let response = try await visitor.post("/dashboard/signout", client)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/dashboard/signin")
            #expect(response.setCookieHeader(named: "vigil_session")?.contains("Max-Age=0") == true)
            #expect(try await visitor.get("/dashboard/worklist", client).status == .seeOther)
            let records = try await world.store.audit.recent(limit: 5, patient: nil)
            #expect(records.contains { $0.entry.action == "auth.logout" && $0.entry.username == "dr-a" })
        }
    }

    @Test
    func sessionCookieReadsTheAPIButNeverChangesThroughIt() async throws {
        try await TestWorld.with { world, client in
            let visitor = try await DashboardVisitor.signIn("dr-a", client)
            let me = try await client.execute(uri: "/api/v1/auth/me", method: .get, headers: [.cookie: visitor.cookie])
            #expect(me.status == .ok)
            #expect(me.text.contains("dr-a"))
            let alert = try await DashboardPagesTests.raiseAlert(for: world.patientA, severity: .high, in: world)
            let post = try await client.execute(
                uri: "/api/v1/alerts/\(alert.id)/acknowledge", method: .post,
                headers: [.cookie: visitor.cookie, .contentType: "application/json"], body: ByteBuffer(string: "{}"))
            #expect(post.status == .unauthorized)
            #expect(try await world.store.alerts.alert(alert.id)?.state == .open)
            let asBearer = try await client.execute(
                uri: "/api/v1/auth/me", method: .get,
                headers: [.authorization: "Bearer " + String(visitor.cookie.dropFirst("vigil_session=".count))])
            #expect(asBearer.status == .unauthorized)
        }
    }
}
