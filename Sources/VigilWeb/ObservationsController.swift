import Foundation
import Hummingbird
import VigilCore
import VigilStore

/// `/api/v1/patients/{id}/observations` and `/latest`: a patient's readings,
/// raw or bucketed for charts.
struct ObservationsController {
    let dependencies: WebDependencies

    /// The window a bucketed query covers when `from` is not given.
    static let defaultBucketWindow: TimeInterval = 30 * 86_400

    func register(on routes: SecureRoutes) {
        routes.add(.get, "patients/:patientId/observations", action: "observation.read", allow: .everyone) {
            request, caller in
            let patient = try caller.patientID()
            let query = try ObservationQuery(request: request)
            try await PatientRepository(store: dependencies.store, caller: caller)
                .authorize("observation.read", on: patient)
            if let width = query.bucket {
                guard let type = query.type else {
                    throw VigilError.badRequest("bucket needs a type.", code: "invalid_query")
                }
                let to = query.to ?? dependencies.now()
                let from = query.from ?? to.addingTimeInterval(-Self.defaultBucketWindow)
                let buckets = try await dependencies.store.readings.buckets(
                    of: patient, type: type, from: from, to: to, width: width)
                return try buckets.response(from: request, context: caller.context)
            }
            let readings = try await dependencies.store.readings.readings(
                of: patient, matching: ReadingQuery(type: query.type, from: query.from, to: query.to, limit: query.limit))
            return try readings.map(ReadingView.init).response(from: request, context: caller.context)
        }
        routes.add(.get, "patients/:patientId/latest", action: "observation.latest", allow: .everyone) { _, caller in
            let patient = try caller.patientID()
            try await PatientRepository(store: dependencies.store, caller: caller)
                .authorize("observation.latest", on: patient)
            let latest = try await dependencies.store.readings.latest(of: patient)
            return LatestView(
                patientId: patient,
                latest: Dictionary(uniqueKeysWithValues: latest.map { ($0.type.rawValue, ReadingView($0)) }))
        }
    }
}

/// `{"patientId", "latest": {type: reading}}`.
struct LatestView: ResponseEncodable {
    let patientId: PatientID
    let latest: [String: ReadingView]
}


/// The query string of the observations route, validated.
struct ObservationQuery {
    var type: VitalType?
    var from: Date?
    var to: Date?
    var limit: Int
    var bucket: BucketWidth?

    init(request: Request) throws {
        if let text = request.query("type") {
            guard let type = VitalType(rawValue: text) ?? VitalType(loinc: text) else {
                throw VigilError.badRequest("type is not a known vital type.", code: "invalid_query")
            }
            self.type = type
        }
        from = try Self.time(request.query("from"), name: "from")
        to = try Self.time(request.query("to"), name: "to")
        if let from, let to, from >= to {
            throw VigilError.badRequest("from must be before to.", code: "invalid_query")
        }
        limit = ReadingQuery.defaultLimit
        if let text = request.query("limit") {
            guard let limit = Int(text), (1...ReadingQuery.maximumLimit).contains(limit) else {
                throw VigilError.badRequest(
                    "limit must be 1 to \(ReadingQuery.maximumLimit).", code: "invalid_query")
            }
            self.limit = limit
        }
        if let text = request.query("bucket") {
            guard let width = BucketWidth(text), width.seconds >= 60 else {
                throw VigilError.badRequest("bucket must be like 5m, 1h or 1d (at least 1m).", code: "invalid_query")
            }
            bucket = width
        }
    }

    private static func time(_ text: String?, name: String) throws -> Date? {
        guard let text else { return nil }
        guard let date = JSONCoding.parseDate(text) else {
            throw VigilError.badRequest("\(name) must be an ISO 8601 time.", code: "invalid_query")
        }
        return date
    }
}
