import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore

/// Every dashboard page, visited by every kind of visitor: signed-out
/// visitors are sent to sign in, other roles are refused, and another
/// patient's page is 404 exactly like a page that does not exist.
struct DashboardAccessTests {
    enum Page: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case home, worklist, worklistFragment, alerts, patientA, patientAMonth, missingPatient, rulesA
        case adminPatients, adminPatientA, adminDevices, adminUsers, adminQuarantine, adminAudit
        case twoFactor, signInCode
        var testDescription: String { rawValue }

        func path(in world: TestWorld) -> String {
            switch self {
            case .home: "/dashboard"
            case .worklist: "/dashboard/worklist"
            case .worklistFragment: "/dashboard/worklist/fragment"
            case .alerts: "/dashboard/alerts"
            case .patientA: "/dashboard/patients/\(world.patientA.id)"
            case .patientAMonth: "/dashboard/patients/\(world.patientA.id)?range=30d"
            case .missingPatient: "/dashboard/patients/\(PatientID.random())"
            case .rulesA: "/dashboard/patients/\(world.patientA.id)/rules"
            case .adminPatients: "/dashboard/admin/patients"
            case .adminPatientA: "/dashboard/admin/patients/\(world.patientA.id)"
            case .adminDevices: "/dashboard/admin/devices"
            case .adminUsers: "/dashboard/admin/users"
            case .adminQuarantine: "/dashboard/admin/quarantine"
            case .adminAudit: "/dashboard/admin/audit"
            case .twoFactor: "/dashboard/account/two-factor"
            case .signInCode: "/dashboard/signin/code"
            }
        }
    }

    /// The signed-in kinds of visitor, and one with no session.
    enum Visitor: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case admin, assignedClinician, unassignedClinician, patientA, patientB, signedOut
        var testDescription: String { rawValue }

        var caller: TestWorld.Caller? {
            switch self {
            case .admin: .admin
            case .assignedClinician: .assignedClinician
            case .unassignedClinician: .unassignedClinician
            case .patientA: .patientA
            case .patientB: .patientB
            case .signedOut: nil
            }
        }
    }

    enum Outcome: Equatable {
        case ok
        case redirect(String)
        case forbidden, notFound
        /// Let through to the handler, which refused the input (a wrong TOTP code).
        case badRequest
        /// Let through; the answer shows a new connection string.
        case created
    }

    static func expected(_ page: Page, _ visitor: Visitor, world: TestWorld) -> Outcome {
        // Without a pending sign-in (its own cookie) the code step sends everyone to sign in.
        if visitor == .signedOut || page == .signInCode { return .redirect("/dashboard/signin") }
        let staff: Set<Visitor> = [.admin, .assignedClinician, .unassignedClinician]
        switch page {
        case .home:
            switch visitor {
            case .patientA: return .redirect("/dashboard/patients/\(world.patientA.id)")
            case .patientB: return .redirect("/dashboard/patients/\(world.patientB.id)")
            default: return .redirect("/dashboard/worklist")
            }
        case .worklist, .worklistFragment, .alerts:
            return staff.contains(visitor) ? .ok : .forbidden
        case .patientA, .patientAMonth:
            return [.admin, .assignedClinician, .patientA].contains(visitor) ? .ok : .notFound
        case .missingPatient:
            return .notFound
        case .rulesA:
            switch visitor {
            case .admin, .assignedClinician: return .ok
            case .unassignedClinician: return .notFound
            default: return .forbidden
            }
        case .adminPatients, .adminPatientA, .adminDevices, .adminUsers, .adminQuarantine, .adminAudit, .twoFactor:
            return visitor == .admin ? .ok : .forbidden
        case .signInCode:
            return .redirect("/dashboard/signin")
        }
    }

    @Test(arguments: Page.allCases, Visitor.allCases)
    func pageAnswersEachVisitorWithExactlyWhatTheyMaySee(page: Page, visitor: Visitor) async throws {
        try await TestWorld.with { world, client in
            let path = page.path(in: world)
            let response: TestResponse
            if let caller = visitor.caller, let username = TestWorld.username(caller) {
                response = try await DashboardVisitor.signIn(username, client).get(path, client)
            } else {
                response = try await client.execute(uri: path, method: .get)
            }
            Self.check(response, is: Self.expected(page, visitor, world: world), world: world)
        }
    }

    /// Checks an answer against the expected outcome: refusals show no
    /// patient's name, and every answer carries the content security policy.
    static func check(_ response: TestResponse, is expected: Outcome, world: TestWorld) {
        switch expected {
        case .ok:
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
        case .created: #expect(response.status == .created, "\(response.text)")
        case .badRequest: #expect(response.status == .badRequest, "\(response.text)")
        case .redirect(let location):
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == location)
        case .forbidden:
            #expect(response.status == .forbidden)
            #expect(!response.text.contains(world.patientA.displayName))
        case .notFound:
            #expect(response.status == .notFound)
            #expect(!response.text.contains(world.patientA.displayName))
            #expect(!response.text.contains(world.patientB.displayName))
        }
        #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'self'") == true)
    }

    @Test(arguments: Visitor.allCases)
    func refusedAndAnsweredVisitsAreAudited(visitor: Visitor) async throws {
        try await TestWorld.with { world, client in
            let path = "/dashboard/patients/\(world.patientA.id)"
            if let caller = visitor.caller, let username = TestWorld.username(caller) {
                _ = try await DashboardVisitor.signIn(username, client).get(path, client)
            } else {
                _ = try await client.execute(uri: path, method: .get)
            }
            let records = try await world.store.audit.recent(limit: 50, patient: nil)
            let reads = records.filter { $0.entry.action == "patient.read" }
            #expect(!reads.isEmpty)
            let allowed: Set<Visitor> = [.admin, .assignedClinician, .patientA]
            let outcome: AuditEntry.Outcome = allowed.contains(visitor) ? .success : .denied
            #expect(reads.first?.entry.outcome == outcome)
        }
    }

    /// The forms added for device, user, second-factor and rule editing,
    /// posted with the visitor's own CSRF token.
    enum Form: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case rebindDevice, rotateSecondaryKey, changeRole, removeSecondFactor
        case twoFactorSetup, twoFactorConfirm, twoFactorDisable, rulesForm
        var testDescription: String { rawValue }

        func request(in world: TestWorld) async throws -> (path: String, fields: [String: String]) {
            let z = try await world.user(.unassignedClinician).id
            let none: [String: String] = [:]
            return switch self {
            case .rebindDevice: ("/dashboard/admin/devices/cuff-1/rebind", ["patientId": world.patientB.id.rawValue])
            case .rotateSecondaryKey: ("/dashboard/admin/devices/cuff-1/rotate", ["key": "secondary"])
            case .changeRole: ("/dashboard/admin/users/\(z)/role", ["role": "clinician"])
            case .removeSecondFactor: ("/dashboard/admin/users/\(z)/two-factor/remove", none)
            case .twoFactorSetup: ("/dashboard/account/two-factor/setup", none)
            case .twoFactorConfirm: ("/dashboard/account/two-factor/confirm", ["code": "000000"])
            case .twoFactorDisable: ("/dashboard/account/two-factor/disable", ["code": "000000"])
            case .rulesForm:
                ("/dashboard/patients/\(world.patientA.id)/rules/form", ["enabled": "preset.copd.spo2-low"])
            }
        }

        func expected(_ visitor: Visitor) -> Outcome {
            if visitor == .signedOut { return .redirect("/dashboard/signin") }
            switch self {
            case .rulesForm:
                switch visitor {
                case .admin, .assignedClinician: return .ok
                case .unassignedClinician: return .notFound
                default: return .forbidden
                }
            case .twoFactorConfirm, .twoFactorDisable: return visitor == .admin ? .badRequest : .forbidden
            case .rotateSecondaryKey: return visitor == .admin ? .created : .forbidden
            case .rebindDevice, .changeRole, .removeSecondFactor, .twoFactorSetup:
                return visitor == .admin ? .ok : .forbidden
            }
        }
    }

    @Test(arguments: Form.allCases, Visitor.allCases)
    func formLetsThroughOnlyTheRolesAllowedAndRefusalsChangeNothing(form: Form, visitor: Visitor) async throws {
        try await TestWorld.with { world, client in
            _ = try await world.createDevice(client, id: "cuff-1")
            let (path, fields) = try await form.request(in: world)
            let response: TestResponse
            if let caller = visitor.caller, let username = TestWorld.username(caller) {
                response = try await DashboardVisitor.signIn(username, client).post(path, fields, client)
            } else {
                response = try await client.execute(
                    uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: DashboardVisitor.formBody(fields)))
            }
            let expected = form.expected(visitor)
            Self.check(response, is: expected, world: world)
            if expected != .ok && expected != .created {
                #expect(try await world.store.devices.device(DeviceID("cuff-1"))?.patientID == world.patientA.id)
                #expect(try await world.store.rules.rules(of: world.patientA.id) == nil)
                #expect(try await world.store.totp.enrolment(of: (try await world.user(.admin)).id) == nil)
            }
            let refused = try await world.store.audit.recent(limit: 50, patient: nil).map(\.entry)
                .filter { $0.outcome == .denied }
            if expected == .forbidden || expected == .notFound || expected == .redirect("/dashboard/signin") {
                #expect(!refused.isEmpty)
            }
        }
    }
}
