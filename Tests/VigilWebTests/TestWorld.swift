import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import VigilApp
import VigilCore
import VigilSecurity
import VigilStore

/// A Vigil server on a fresh SQLite database with a small, known population:
/// two patients, each with a patient user; one clinician on patient A's care
/// team and one on nobody's; the admin. Tokens for each, plus an expired one.
struct TestWorld {
    let store: any Store
    let assembly: VigilAssembly
    let dataDirectory: URL
    let patientA: Patient
    let patientB: Patient
    var tokens: [Caller: String] = [:]

    /// Who calls a route in the access matrix.
    enum Caller: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case admin, assignedClinician, unassignedClinician, patientA, patientB
        case noToken, expiredToken, garbageToken
        var testDescription: String { rawValue }
    }

    static let password = "correct horse battery"

    /// Runs `body` against a fresh world, then deletes it; with a `folder`, the
    /// world lives there and is kept (the caller removes it).
    ///
    /// With `webhookRelay` false the server runs no relay of its own, so a
    /// test can drive one with its own clock and transport.
    static func with(
        now: @escaping @Sendable () -> Date = { Date() }, folder kept: URL? = nil, webhookRelay: Bool = true,
        _ body: @escaping @Sendable (TestWorld, any TestClientProtocol) async throws -> Void
    ) async throws {
        let folder =
            kept ?? FileManager.default.temporaryDirectory.appendingPathComponent("vigil-web-\(UUID().uuidString)")
        defer { if kept == nil { try? FileManager.default.removeItem(at: folder) } }
        var configuration = VigilConfiguration(
            dataDirectory: folder.path, sqliteSynchronousFull: false, passwords: .init(cost: 4))
        configuration.runsWebhookRelay = webhookRelay
        let logger = Logger(label: "test")
        let store = try await StoreFactory.openMigrated(configuration, logger: logger)
        let assembly = try VigilServer(configuration: configuration, logger: logger, now: now).assemble(store: store)
        var world = try await TestWorld(store: store, assembly: assembly, dataDirectory: folder)
        try await world.issueTokens()
        let app = assembly.httpApplication(deviceEndpoint: true)
        let ready = world
        do {
            try await app.test(.router) { client in try await body(ready, client) }
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
    }

    private init(store: any Store, assembly: VigilAssembly, dataDirectory: URL) async throws {
        self.store = store
        self.assembly = assembly
        self.dataDirectory = dataDirectory
        patientA = Patient(displayName: "Ada Lovelace", birthDate: CalendarDate("1815-12-10"), mrn: "MRN-A")
        patientB = Patient(displayName: "Blaise Pascal", birthDate: CalendarDate("1623-06-19"), mrn: "MRN-B")
        try await store.patients.create(patientA)
        try await store.patients.create(patientB)
    }

    private mutating func issueTokens() async throws {
        let hasher = PasswordHasher(configuration: .init(cost: 4))
        let hash = try await hasher.hash(Self.password)
        let users: [(Caller, User)] = [
            (.admin, User(username: "admin", displayName: "Admin", role: .admin, passwordHash: hash)),
            (.assignedClinician, User(username: "dr-a", displayName: "Dr A", role: .clinician, passwordHash: hash)),
            (.unassignedClinician, User(username: "dr-z", displayName: "Dr Z", role: .clinician, passwordHash: hash)),
            (.patientA, User(username: "ada", displayName: "Ada", role: .patient, patientID: patientA.id, passwordHash: hash)),
            (.patientB, User(username: "blaise", displayName: "Blaise", role: .patient, patientID: patientB.id, passwordHash: hash)),
        ]
        let issuer = TokenIssuer(store: store.tokens)
        for (caller, user) in users {
            try await store.users.create(user)
            tokens[caller] = try await issuer.issue(for: user.id, now: Date()).secret
        }
        let clinician = try #require(users.first { $0.0 == .assignedClinician }?.1)
        try await store.patients.setCareTeam(of: patientA.id, to: [clinician.id])
        let admin = try #require(users.first { $0.0 == .admin }?.1)
        let expired = try await issuer.issue(for: admin.id, now: Date().addingTimeInterval(-9 * 3600))
        tokens[.expiredToken] = expired.secret
        tokens[.garbageToken] = "vgl_" + String(repeating: "A", count: 43)
    }

    /// The user id of a signed-in caller.
    func user(_ caller: Caller) async throws -> User {
        let names: [Caller: String] = [
            .admin: "admin", .assignedClinician: "dr-a", .unassignedClinician: "dr-z", .patientA: "ada", .patientB: "blaise",
        ]
        let name = try #require(names[caller])
        return try #require(try await store.users.user(named: name))
    }

    /// Headers for a request as `caller`, with a JSON content type.
    func headers(_ caller: Caller) -> HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json"]
        if let token = tokens[caller] { fields[.authorization] = "Bearer \(token)" }
        return fields
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The body decoded as JSON.
    func json<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    /// The `error.code` of an error body.
    var errorCode: String? {
        struct Body: Decodable {
            struct Detail: Decodable { let code: String }
            let error: Detail
        }
        return try? json(Body.self).error.code
    }
}

extension ByteBuffer {
    /// A JSON body.
    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
}
