import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigilCore

/// Every patients route, called by every kind of caller: the status and the
/// body say exactly what that caller may know, and nothing more.
struct PatientAccessTests {
    enum Route: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case listPatients, readPatientA, createPatient, updatePatientA, patchPatientA, readCareTeamA, setCareTeamA
        case observationsA, bucketsA, latestA
        var testDescription: String { rawValue }

        func request(in world: TestWorld) -> (HTTPRequest.Method, String, ByteBuffer?) {
            let a = world.patientA.id
            switch self {
            case .listPatients: return (.get, "/api/v1/patients", nil)
            case .readPatientA: return (.get, "/api/v1/patients/\(a)", nil)
            case .createPatient: return (.post, "/api/v1/patients", .json(#"{"displayName":"Carl Gauss","news2Scale":1}"#))
            case .updatePatientA: return (.put, "/api/v1/patients/\(a)", .json(#"{"news2Scale":2}"#))
            case .patchPatientA: return (.patch, "/api/v1/patients/\(a)", .json(#"{"conditions":["copd"]}"#))
            case .readCareTeamA: return (.get, "/api/v1/patients/\(a)/care-team", nil)
            case .setCareTeamA: return (.put, "/api/v1/patients/\(a)/care-team", .json(#"{"clinicianIds":[]}"#))
            case .observationsA: return (.get, "/api/v1/patients/\(a)/observations", nil)
            case .bucketsA: return (.get, "/api/v1/patients/\(a)/observations?type=heartRate&bucket=1h", nil)
            case .latestA: return (.get, "/api/v1/patients/\(a)/latest", nil)
            }
        }
    }

    typealias Caller = TestWorld.Caller

    /// What a caller may get from a route: a status, and for successes a check of the body.
    enum Outcome: Equatable {
        case ok, created, unauthenticated, forbidden, notFound
    }

    static func expected(_ route: Route, _ caller: Caller) -> Outcome {
        switch caller {
        case .noToken, .expiredToken, .garbageToken: return .unauthenticated
        default: break
        }
        let seesA: Set<Caller> = [.admin, .assignedClinician, .patientA]
        switch route {
        case .listPatients:
            return .ok
        case .readPatientA, .observationsA, .bucketsA, .latestA:
            return seesA.contains(caller) ? .ok : .notFound
        case .createPatient:
            return caller == .admin ? .created : .forbidden
        case .updatePatientA, .patchPatientA, .readCareTeamA:
            switch caller {
            case .admin, .assignedClinician: return .ok
            case .unassignedClinician: return .notFound
            default: return .forbidden
            }
        case .setCareTeamA:
            return caller == .admin ? .ok : .forbidden
        }
    }

    @Test(arguments: Route.allCases, Caller.allCases)
    func routeAnswersEachCallerWithExactlyWhatTheyMayKnow(route: Route, caller: Caller) async throws {
        try await TestWorld.with { world, client in
            let (method, uri, body) = route.request(in: world)
            let response = try await client.execute(uri: uri, method: method, headers: world.headers(caller), body: body)
            let outcome = Self.expected(route, caller)
            switch outcome {
            case .ok: #expect(response.status == .ok, "\(response.text)")
            case .created: #expect(response.status == .created, "\(response.text)")
            case .unauthenticated:
                #expect(response.status == .unauthorized)
                #expect(response.errorCode == "unauthenticated")
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            case .forbidden:
                #expect(response.status == .forbidden)
                #expect(response.errorCode == "forbidden")
            case .notFound:
                #expect(response.status == .notFound)
                #expect(response.errorCode == "not_found")
            }
            if outcome != .ok && outcome != .created {
                // Refusals never reveal anything about the patient.
                for secret in ["Ada", "Lovelace", "MRN-A", "1815", "Blaise"] {
                    #expect(!response.text.contains(secret), "refusal leaks \(secret)")
                }
            } else {
                try checkSuccessBody(route: route, caller: caller, response: response, world: world)
            }
        }
    }

    private func checkSuccessBody(route: Route, caller: Caller, response: TestResponse, world: TestWorld) throws {
        struct PatientBody: Decodable {
            let id: String
            let displayName: String
            let mrn: String?
            let news2Scale: Int
            let conditions: [String]
        }
        switch route {
        case .listPatients:
            let names = try response.json([PatientBody].self).map(\.displayName)
            let expected: [String] =
                switch caller {
                case .admin: ["Ada Lovelace", "Blaise Pascal"]
                case .assignedClinician, .patientA: ["Ada Lovelace"]
                case .patientB: ["Blaise Pascal"]
                default: []
                }
            #expect(names == expected)
        case .readPatientA:
            let patient = try response.json(PatientBody.self)
            #expect(patient.id == world.patientA.id.rawValue)
            #expect(patient.displayName == "Ada Lovelace")
            #expect(patient.mrn == "MRN-A")
        case .createPatient:
            let patient = try response.json(PatientBody.self)
            #expect(patient.displayName == "Carl Gauss")
            #expect(!patient.id.isEmpty)
        case .updatePatientA:
            #expect(try response.json(PatientBody.self).news2Scale == 2)
        case .patchPatientA:
            let patient = try response.json(PatientBody.self)
            #expect(patient.conditions == ["copd"])
            #expect(patient.displayName == "Ada Lovelace")
        case .readCareTeamA:
            #expect(try response.json([String: [String]].self)["clinicianIds"]?.count == 1)
        case .setCareTeamA:
            #expect(try response.json([String: [String]].self)["clinicianIds"] == [])
        case .observationsA, .bucketsA:
            #expect(response.text == "[]")
        case .latestA:
            #expect(response.text.contains(world.patientA.id.rawValue))
        }
    }

    @Test func anInvisiblePatientLooksExactlyLikeOneThatDoesNotExist() async throws {
        try await TestWorld.with { world, client in
            let headers = world.headers(.unassignedClinician)
            let hidden = try await client.execute(uri: "/api/v1/patients/\(world.patientA.id)", method: .get, headers: headers)
            let missing = try await client.execute(uri: "/api/v1/patients/\(PatientID.random())", method: .get, headers: headers)
            #expect(hidden.status == .notFound)
            #expect(hidden.status == missing.status)
            #expect(hidden.text == missing.text)
        }
    }

    @Test func refusedRequestsAreAudited() async throws {
        try await TestWorld.with { world, client in
            _ = try await client.execute(uri: "/api/v1/patients/\(world.patientA.id)", method: .get, headers: world.headers(.patientB))
            _ = try await client.execute(uri: "/api/v1/patients", method: .post, headers: world.headers(.assignedClinician), body: .json("{}"))
            _ = try await client.execute(uri: "/api/v1/patients", method: .get, headers: world.headers(.garbageToken))
            let records = try await world.store.audit.recent(limit: 10, patient: nil).map(\.entry)
            let patientB = try await world.user(.patientB)
            #expect(records.contains { $0.action == "patient.read" && $0.outcome == .denied && $0.patientID == world.patientA.id && $0.userID == patientB.id && $0.role == .patient })
            #expect(records.contains { $0.action == "patient.create" && $0.outcome == .denied && $0.role == .clinician })
            #expect(records.contains { $0.action == "patient.list" && $0.outcome == .denied && $0.userID == nil && $0.detail == "unauthenticated" })
        }
    }

    @Test func readsAndWritesOfPatientDataAreAudited() async throws {
        try await TestWorld.with { world, client in
            let clinician = try await world.user(.assignedClinician)
            _ = try await client.execute(uri: "/api/v1/patients/\(world.patientA.id)", method: .get, headers: world.headers(.assignedClinician))
            _ = try await client.execute(
                uri: "/api/v1/patients/\(world.patientA.id)", method: .patch, headers: world.headers(.assignedClinician),
                body: .json(#"{"news2Scale":2}"#))
            _ = try await client.execute(uri: "/api/v1/patients/\(world.patientA.id)/observations", method: .get, headers: world.headers(.assignedClinician))
            let actions = try await world.store.audit.recent(limit: 10, patient: world.patientA.id)
                .filter { $0.entry.userID == clinician.id && $0.entry.outcome == .success }.map(\.entry.action)
            #expect(Set(actions) == ["patient.read", "patient.update", "observation.read"])
        }
    }

    @Test func unknownRoutesAreJSONNotFound() async throws {
        try await TestWorld.with { world, client in
            let response = try await client.execute(uri: "/api/v1/nothing-here", method: .get, headers: world.headers(.admin))
            #expect(response.status == .notFound)
            #expect(response.errorCode == "not_found")
        }
    }
}
