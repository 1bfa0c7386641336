import Foundation
import PostgresNIO
import VigilCore
import VigilStore

/// Patients and care teams in the `patients` and `care_team` tables.
struct PostgresPatientStore: PatientStore {
    let database: PostgresDatabase

    private static let columns = "id, display_name, birth_date, mrn, news2_scale, conditions, created_at, updated_at"

    func create(_ patient: Patient) async throws {
        let conditions = try ConditionsColumn.encode(patient.conditions)
        try await database.query(
            """
            INSERT INTO patients (\(unescaped: Self.columns))
            VALUES (\(patient.id.rawValue), \(patient.displayName), \(patient.birthDate?.description), \(patient.mrn),
                    \(patient.news2Scale.rawValue), \(conditions), \(patient.createdAt.millisecondsSince1970),
                    \(patient.updatedAt.millisecondsSince1970))
            """,
            entity: "patient")
    }

    func update(_ patient: Patient) async throws {
        let conditions = try ConditionsColumn.encode(patient.conditions)
        let rows = try await database.query(
            """
            UPDATE patients SET display_name = \(patient.displayName), birth_date = \(patient.birthDate?.description),
                mrn = \(patient.mrn), news2_scale = \(patient.news2Scale.rawValue), conditions = \(conditions),
                created_at = \(patient.createdAt.millisecondsSince1970),
                updated_at = \(patient.updatedAt.millisecondsSince1970)
            WHERE id = \(patient.id.rawValue)
            RETURNING id
            """,
            entity: "patient")
        if rows.isEmpty { throw StoreError(.notFound, entity: "patient") }
    }

    func patient(_ id: PatientID) async throws -> Patient? {
        let rows = try await database.query(
            "SELECT \(unescaped: Self.columns) FROM patients WHERE id = \(id.rawValue)", entity: "patient")
        return try rows.first.map(Self.decode)
    }

    func all() async throws -> [Patient] {
        let rows = try await database.query(
            "SELECT \(unescaped: Self.columns) FROM patients ORDER BY display_name COLLATE \"C\", id COLLATE \"C\"",
            entity: "patient")
        return try rows.map(Self.decode)
    }

    func patients(onCareTeamOf clinician: UserID) async throws -> [Patient] {
        let rows = try await database.query(
            """
            SELECT \(unescaped: Self.columns) FROM patients
            WHERE id IN (SELECT patient_id FROM care_team WHERE clinician_id = \(clinician.rawValue))
            ORDER BY display_name COLLATE "C", id COLLATE "C"
            """,
            entity: "patient")
        return try rows.map(Self.decode)
    }

    func careTeam(of patient: PatientID) async throws -> [UserID] {
        let rows = try await database.query(
            """
            SELECT clinician_id FROM care_team WHERE patient_id = \(patient.rawValue)
            ORDER BY clinician_id COLLATE "C"
            """,
            entity: "care team")
        return try rows.map { UserID(try $0.decode(String.self)) }
    }

    func setCareTeam(of patient: PatientID, to clinicians: [UserID]) async throws {
        let ids = clinicians.map(\.rawValue)
        try await database.transaction(entity: "care team", referencing: "patient or user") { transaction in
            try await transaction.execute("DELETE FROM care_team WHERE patient_id = \(patient.rawValue)")
            if !ids.isEmpty {
                try await transaction.execute(
                    """
                    INSERT INTO care_team (patient_id, clinician_id)
                    SELECT \(patient.rawValue), unnest(\(ids)::text[])
                    ON CONFLICT DO NOTHING
                    """)
            }
        }
    }

    func isOnCareTeam(_ clinician: UserID, patient: PatientID) async throws -> Bool {
        let rows = try await database.query(
            """
            SELECT 1 FROM care_team WHERE patient_id = \(patient.rawValue) AND clinician_id = \(clinician.rawValue)
            """,
            entity: "care team")
        return !rows.isEmpty
    }

    private static func decode(_ row: PostgresRow) throws -> Patient {
        let (id, displayName, birthDate, mrn, scale, conditions, createdAt, updatedAt) = try row.decode(
            (String, String, String?, String?, Int, String, Int64, Int64).self)
        guard let news2Scale = NEWS2Scale(rawValue: scale) else { throw StoreError(.unavailable, entity: "patient") }
        return Patient(
            id: PatientID(id), displayName: displayName, birthDate: birthDate.flatMap(CalendarDate.init), mrn: mrn,
            news2Scale: news2Scale, conditions: try ConditionsColumn.decode(conditions),
            createdAt: Date(millisecondsSince1970: createdAt), updatedAt: Date(millisecondsSince1970: updatedAt))
    }
}
