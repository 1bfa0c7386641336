import Foundation
import Hummingbird
import VigilCore

/// A patient as the API shows it.
struct PatientView: ResponseEncodable {
    let id: PatientID
    let displayName: String
    let birthDate: CalendarDate?
    let mrn: String?
    let news2Scale: Int
    let conditions: [Condition]
    let createdAt: Date
    let updatedAt: Date

    init(_ patient: Patient) {
        id = patient.id
        displayName = patient.displayName
        birthDate = patient.birthDate
        mrn = patient.mrn
        news2Scale = patient.news2Scale.rawValue
        conditions = patient.conditions
        createdAt = patient.createdAt
        updatedAt = patient.updatedAt
    }
}

/// A user as the API shows it (never the password hash).
struct UserView: ResponseEncodable {
    let id: UserID
    let username: String
    let displayName: String
    let role: Role
    let patientId: PatientID?
    let isDisabled: Bool
    let createdAt: Date

    init(_ user: User) {
        id = user.id
        username = user.username
        displayName = user.displayName
        role = user.role
        patientId = user.patientID
        isDisabled = user.isDisabled
        createdAt = user.createdAt
    }
}

/// A stored reading as the API shows it.
struct ReadingView: ResponseEncodable {
    let type: VitalType
    let code: String?
    let value: Double
    let unit: String?
    let originalValue: String
    let originalUnit: String?
    let measuredAt: Date
    let receivedAt: Date
    let deviceId: DeviceID?
    let messageId: String?

    init(_ reading: Reading) {
        type = reading.type
        code = reading.type.loinc
        value = reading.value
        unit = reading.type.canonicalUnit
        originalValue = reading.originalValue
        originalUnit = reading.originalUnit
        measuredAt = reading.measuredAt
        receivedAt = reading.receivedAt
        deviceId = reading.deviceID
        messageId = reading.messageID
    }
}

/// An audit record as the API shows it.
struct AuditRecordView: ResponseEncodable {
    let sequence: Int64
    let time: Date
    let userId: UserID?
    let username: String?
    let role: Role?
    let action: String
    let patientId: PatientID?
    let outcome: AuditEntry.Outcome
    let sourceAddress: String?
    let detail: String?
    let hash: String

    init(_ record: AuditRecord) {
        sequence = record.sequence
        time = record.entry.time
        userId = record.entry.userID
        username = record.entry.username
        role = record.entry.role
        action = record.entry.action
        patientId = record.entry.patientID
        outcome = record.entry.outcome
        sourceAddress = record.entry.sourceAddress
        detail = record.entry.detail
        hash = record.hash
    }
}

/// A JSON response with a chosen status, such as 201 Created.
struct Created<Body: ResponseEncodable>: ResponseGenerator {
    let body: Body

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try body.response(from: request, context: context)
        response.status = .created
        return response
    }
}
