import Foundation
import GRDB
import VigilCore
import VigilStore

/// Patients in `patients`, care teams in `care_team`.
struct SQLitePatientStore: PatientStore {
    let pool: DatabasePool

    private static let columns =
        "id, display_name, birth_date, mrn, news2_scale, conditions, created_at, updated_at"

    func create(_ patient: Patient) async throws {
        let arguments = try Self.arguments(for: patient)
        try await SQLiteErrors.translating(entity: "patient") {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO patients (\(Self.columns))
                        VALUES (:id, :displayName, :birthDate, :mrn, :news2Scale, :conditions, :createdAt, :updatedAt)
                        """,
                    arguments: arguments)
            }
        }
    }

    func update(_ patient: Patient) async throws {
        let arguments = try Self.arguments(for: patient)
        try await SQLiteErrors.translating(entity: "patient") {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE patients SET display_name = :displayName, birth_date = :birthDate, mrn = :mrn,
                            news2_scale = :news2Scale, conditions = :conditions, created_at = :createdAt,
                            updated_at = :updatedAt
                        WHERE id = :id
                        """,
                    arguments: arguments)
                if db.changesCount == 0 { throw StoreError(.notFound, entity: "patient") }
            }
        }
    }

    func patient(_ id: PatientID) async throws -> Patient? {
        try await SQLiteErrors.translating(entity: "patient") {
            try await pool.read { db in try Self.patient(id, in: db) }
        }
    }

    /// One patient, read in the caller's transaction.
    static func patient(_ id: PatientID, in db: Database) throws -> Patient? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(columns) FROM patients WHERE id = ?"), arguments: [id.rawValue])
            .map(patient(from:))
    }

    func all() async throws -> [Patient] {
        try await SQLiteErrors.translating(entity: "patient") {
            try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM patients ORDER BY display_name, id")
                    .map(Self.patient(from:))
            }
        }
    }

    func patients(onCareTeamOf clinician: UserID) async throws -> [Patient] {
        try await SQLiteErrors.translating(entity: "patient") {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Self.columns) FROM patients
                        WHERE id IN (SELECT patient_id FROM care_team WHERE clinician_id = ?)
                        ORDER BY display_name, id
                        """,
                    arguments: [clinician.rawValue]
                ).map(Self.patient(from:))
            }
        }
    }

    func careTeam(of patient: PatientID) async throws -> [UserID] {
        try await SQLiteErrors.translating(entity: "care team") {
            try await pool.read { db in
                try String.fetchAll(
                    db, sql: "SELECT clinician_id FROM care_team WHERE patient_id = ? ORDER BY clinician_id",
                    arguments: [patient.rawValue]
                ).map { UserID($0) }
            }
        }
    }

    /// Duplicate clinicians are stored once.
    func setCareTeam(of patient: PatientID, to clinicians: [UserID]) async throws {
        try await SQLiteErrors.translating(entity: "care team") {
            try await pool.write { db in
                try db.execute(sql: "DELETE FROM care_team WHERE patient_id = ?", arguments: [patient.rawValue])
                let insert = try db.cachedStatement(
                    sql: "INSERT OR IGNORE INTO care_team (patient_id, clinician_id) VALUES (?, ?)")
                for clinician in clinicians {
                    try insert.execute(arguments: [patient.rawValue, clinician.rawValue])
                }
            }
        }
    }

    func isOnCareTeam(_ clinician: UserID, patient: PatientID) async throws -> Bool {
        try await SQLiteErrors.translating(entity: "care team") {
            try await pool.read { db in
                try Bool.fetchOne(
                    db.cachedStatement(
                        sql: "SELECT EXISTS (SELECT 1 FROM care_team WHERE patient_id = ? AND clinician_id = ?)"),
                    arguments: [patient.rawValue, clinician.rawValue]) ?? false
            }
        }
    }

    /// A patient's column values, named after its properties.
    private static func arguments(for patient: Patient) throws -> StatementArguments {
        let conditions = try ConditionsColumn.encode(patient.conditions)
        return [
            "id": patient.id.rawValue, "displayName": patient.displayName,
            "birthDate": patient.birthDate?.description, "mrn": patient.mrn, "news2Scale": patient.news2Scale.rawValue,
            "conditions": conditions, "createdAt": patient.createdAt.millisecondsSince1970,
            "updatedAt": patient.updatedAt.millisecondsSince1970,
        ]
    }

    /// Decodes a row selected as `columns`.
    private static func patient(from row: Row) throws -> Patient {
        let birthDate: CalendarDate?
        if let text = try row.decode(String?.self, atIndex: 2) {
            guard let date = CalendarDate(text) else { throw StoreError(.unavailable, entity: "patient") }
            birthDate = date
        } else {
            birthDate = nil
        }
        guard let scale = NEWS2Scale(rawValue: try row.decode(atIndex: 4)) else {
            throw StoreError(.unavailable, entity: "patient")
        }
        return Patient(
            id: PatientID(try row.decode(String.self, atIndex: 0)),
            displayName: try row.decode(atIndex: 1),
            birthDate: birthDate,
            mrn: try row.decode(atIndex: 3),
            news2Scale: scale,
            conditions: try ConditionsColumn.decode(row.decode(String.self, atIndex: 5)),
            createdAt: Date(millisecondsSince1970: try row.decode(atIndex: 6)),
            updatedAt: Date(millisecondsSince1970: try row.decode(atIndex: 7)))
    }
}
