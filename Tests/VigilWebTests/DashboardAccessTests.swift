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
    }

    static func expected(_ page: Page, _ visitor: Visitor, world: TestWorld) -> Outcome {
        if visitor == .signedOut { return .redirect("/dashboard/signin") }
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
        case .adminPatients, .adminPatientA, .adminDevices, .adminUsers, .adminQuarantine, .adminAudit:
            return visitor == .admin ? .ok : .forbidden
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
            switch Self.expected(page, visitor, world: world) {
            case .ok:
                #expect(response.status == .ok, "\(response.text)")
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
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
}
